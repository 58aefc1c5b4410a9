/**
 * Files that should never be served, and the content that proves one is: data, not code. The
 * `exposure` probe requests each path; the `exposed-files` check fails only when the body matches
 * the entry's signature, so a `200` alone (an SPA fallback, a soft 404) never counts. Every
 * `example` is real content of that kind and the unit test matches it against its own signature.
 *
 * A signature matches a short marker (`DB_PASSWORD=`, `-----BEGIN RSA PRIVATE KEY-----`) and
 * confirms the rest with lookaheads, so the matched text is safe to show as evidence in a public
 * report: it never includes the secret that follows the marker.
 */
import type {Exchange, HttpResponse, Severity} from '../core/types.js';
import {inconclusiveReason, redirectedAway} from './inconclusive.js';

export interface ExposedFile {
  /** Requested on the target's origin. */
  readonly path: string;
  /** What a match gives away, for people: "the Git repository config". */
  readonly name: string;
  /** `low` entries make the check warn (they reveal names, not secrets); the rest fail it. */
  readonly severity: Exclude<Severity, 'info'>;
  /** Content that proves the leak; its match is the evidence. */
  readonly signature: RegExp;
  /** Real content of this kind, for the table test. */
  readonly example: string;
}

/** Only the start of a body is searched: every signature sits in a file's first lines. */
export const SIGNATURE_WINDOW = 64 * 1024;

const PHPINFO = /<title>(?:PHP [\w.+~-]+ - )?phpinfo\(\)<\/title>/i;
const PHPINFO_EXAMPLE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><head>\n<style type="text/css">\nbody {background-color: #fff; color: #222;}\n</style>\n<title>PHP 8.2.7 - phpinfo()</title><meta name="ROBOTS" content="NOINDEX,NOFOLLOW,NOARCHIVE" /></head>\n<body><div class="center">\n<table>\n<tr class="h"><td>\n<h1 class="p">PHP Version 8.2.7</h1>';
/** mysqldump, mariadb-dump, pg_dump and `sqlite3 .dump` headers, or a bare schema. */
const SQL_DUMP = /^(?:-- (?:MySQL|MariaDB) dump \d|-- PostgreSQL database dump|CREATE TABLE [`"]?\w)/m;
const SQL_EXAMPLE =
  '-- MySQL dump 10.13  Distrib 8.0.35, for Linux (x86_64)\n--\n-- Host: localhost    Database: shop\n-- ------------------------------------------------------\n-- Server version\t8.0.35\n\nDROP TABLE IF EXISTS `users`;\nCREATE TABLE `users` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `email` varchar(255) NOT NULL,\n  `password_hash` char(60) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;';

export const EXPOSED_FILES: readonly ExposedFile[] = [
  {
    path: '/.git/config',
    name: 'the Git repository config (the whole source history can be downloaded)',
    severity: 'critical',
    signature: /^[ \t]*\[core\](?=[\s\S]*?^[ \t]*repositoryformatversion[ \t]*=)/m,
    example:
      '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n[remote "origin"]\n\turl = git@github.com:acme/shop.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "main"]\n\tremote = origin\n\tmerge = refs/heads/main\n',
  },
  {
    path: '/.git/HEAD',
    name: 'the Git HEAD (the whole source history can be downloaded)',
    severity: 'critical',
    // A branch reference, or a bare 40-hex commit id when HEAD is detached.
    signature: /^(?:ref: refs\/heads\/|[0-9a-f]{40}\s*$)/,
    example: 'ref: refs/heads/main\n',
  },
  {
    path: '/.git-credentials',
    name: 'Git credentials (user name and token in clear)',
    severity: 'critical',
    signature: /^https?:\/\/[^\s:/@]+:(?=[^\s@]+@[\w.-]+)/m,
    example: 'https://deploy-bot:ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com\n',
  },
  {
    path: '/.env',
    name: 'environment settings (database passwords, API keys)',
    severity: 'critical',
    signature:
      /^[ \t]*(?:export[ \t]+)?(?:[A-Z][A-Z0-9_]*_)?(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APP_KEY|PRIVATE_KEY|ACCESS_KEY|DATABASE_URL|DSN|DB_[A-Z0-9_]+|AWS_[A-Z0-9_]+)(?:_[A-Z0-9_]+)?[ \t]*=/m,
    example:
      'APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=base64:2fl+Ktvkfl+Fuz4Qp/A75G2RTiWVA/ZoKZvp6fiiM10=\nAPP_DEBUG=false\n\nDB_CONNECTION=mysql\nDB_HOST=10.0.3.12\nDB_DATABASE=shop\nDB_USERNAME=shop\nDB_PASSWORD=Tr0ub4dor&3\n\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
  },
  {
    path: '/.DS_Store',
    name: 'a macOS folder index (names of the files beside it)',
    severity: 'low',
    // eslint-disable-next-line no-control-regex -- a binary file's magic bytes include control characters.
    signature: /^\x00\x00\x00\x01Bud1/,
    example: '\x00\x00\x00\x01Bud1\x00\x00\x10\x00\x00\x00\x08\x00\x00\x00\x10\x00\x00\x00\x02\x09\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00',
  },
  {
    path: '/.svn/entries',
    name: 'a Subversion working copy (the source can be downloaded)',
    severity: 'high',
    // Formats 8–10 (Subversion 1.4–1.6) start "10\n\ndir\n"; 1.7+ leaves just "12\n".
    signature: /^(?:[89]|1[0-2])\r?\n(?:\r?\ndir\r?\n|\s*$)/,
    example:
      '10\n\ndir\n1742\nhttps://svn.example.com/repos/shop/trunk\nhttps://svn.example.com/repos/shop\n\n\n\n2023-05-02T09:14:21.482913Z\n1742\nalice\n',
  },
  {
    path: '/.svn/wc.db',
    name: 'a Subversion 1.7+ working-copy database (the source can be downloaded)',
    severity: 'high',
    // eslint-disable-next-line no-control-regex -- a binary file's magic bytes include control characters.
    signature: /^SQLite format 3\x00/,
    example: 'SQLite format 3\x00\x10\x00\x01\x01\x00@  \x00\x00\x00\x1f\x00\x00\x00\x1c',
  },
  {
    path: '/server-status',
    name: "Apache's live status page (client addresses and the URLs they request)",
    severity: 'medium',
    signature: /Apache Server Status for /,
    example:
      '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html><head>\n<title>Apache Status</title>\n</head><body>\n<h1>Apache Server Status for localhost (via 127.0.0.1)</h1>\n\n<dl><dt>Server Version: Apache/2.4.57 (Debian)</dt>\n<dt>Server MPM: event</dt>',
  },
  {path: '/phpinfo.php', name: 'a phpinfo() page (versions, paths, environment)', severity: 'medium', signature: PHPINFO, example: PHPINFO_EXAMPLE},
  {path: '/info.php', name: 'a phpinfo() page (versions, paths, environment)', severity: 'medium', signature: PHPINFO, example: PHPINFO_EXAMPLE},
  {
    path: '/actuator/env',
    name: 'the Spring Boot environment endpoint (configuration and secrets)',
    severity: 'high',
    signature: /"activeProfiles"\s*:\s*\[(?=[\s\S]*"propertySources"\s*:\s*\[)/,
    example:
      '{"activeProfiles":["prod"],"propertySources":[{"name":"server.ports","properties":{"local.server.port":{"value":8080}}},{"name":"systemEnvironment","properties":{"SPRING_DATASOURCE_PASSWORD":{"value":"******","origin":"System Environment Property \\"SPRING_DATASOURCE_PASSWORD\\""}}}]}',
  },
  {
    path: '/.htpasswd',
    name: 'HTTP Basic password hashes',
    severity: 'high',
    // apr1-MD5, bcrypt, SHA-1 and crypt(3) schemes as htpasswd writes them; the match stops before the hash.
    signature: /^[^\s:#<>]+:(?:\$apr1\$|\$2[abxy]\$\d\d\$|\{SHA\}|\$[156]\$)/m,
    example: 'admin:$apr1$ZjTqBB3f$IF9gdYAGlMrs2fuINjHsz.\ndeploy:$2y$05$4vbo5mMvqs5WbEPcAaqdMOJ2dP0a1N7aeH3bT8tgwQ2rBcP3ZfGfW\n',
  },
  {
    path: '/wp-config.php.bak',
    name: 'a WordPress config backup (database password, auth keys)',
    severity: 'critical',
    signature: /define\(\s*['"]DB_(?:NAME|USER|PASSWORD|HOST)['"]/,
    example:
      "<?php\n/** The name of the database for WordPress */\ndefine( 'DB_NAME', 'wordpress' );\n\n/** Database username */\ndefine( 'DB_USER', 'wp' );\n\n/** Database password */\ndefine( 'DB_PASSWORD', 'hunter2' );\n",
  },
  {
    path: '/config.php.bak',
    name: 'PHP source served as text (a config backup)',
    severity: 'high',
    signature: /^\s*<\?php\b/,
    example: "<?php\n$config['db_host'] = '10.0.3.12';\n$config['db_user'] = 'shop';\n$config['db_pass'] = 'hunter2';\n",
  },
  {
    path: '/backup.zip',
    name: 'a ZIP archive named as a backup',
    severity: 'high',
    // eslint-disable-next-line no-control-regex -- a binary file's magic bytes include control characters.
    signature: /^PK\x03\x04/,
    example: 'PK\x03\x04\x14\x00\x00\x00\x08\x00\x9b\x5a\x45\x57',
  },
  {path: '/backup.sql', name: 'a database dump', severity: 'critical', signature: SQL_DUMP, example: SQL_EXAMPLE},
  {
    path: '/db.sql',
    name: 'a database dump',
    severity: 'critical',
    signature: SQL_DUMP,
    example: '--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 15.4\n\nSET statement_timeout = 0;\n',
  },
  {
    path: '/dump.sql',
    name: 'a database dump',
    severity: 'critical',
    signature: SQL_DUMP,
    example: 'PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, password_hash TEXT);\n',
  },
  {
    path: '/.aws/credentials',
    name: 'AWS access keys',
    severity: 'critical',
    signature: /^[ \t]*aws_access_key_id[ \t]*=/im,
    example: '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
  },
  {
    path: '/.npmrc',
    name: 'an npm registry token',
    severity: 'critical',
    signature: /(?:^|:)_auth(?:Token)?[ \t]*=/m,
    example: '//registry.npmjs.org/:_authToken=npm_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ\nengine-strict=true\n',
  },
  {
    path: '/id_rsa',
    name: 'an SSH private key',
    severity: 'critical',
    signature: /-----BEGIN (?:RSA |OPENSSH |EC |DSA |ENCRYPTED )?PRIVATE KEY-----/,
    example:
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n',
  },
];

/** The text a file's signature matches in the first SIGNATURE_WINDOW characters of a body, if any. */
export function leakEvidence(file: ExposedFile, body: string): string | undefined {
  return file.signature.exec(body.slice(0, SIGNATURE_WINDOW))?.[0];
}

/** Folders requested for `directory-listing`: the root and the names sites most often leave browsable. */
export const LISTING_PATHS = ['/', '/uploads/', '/static/', '/images/', '/backup/', '/files/'] as const;

export interface ListingSignature {
  /** The server whose listing this is. */
  readonly name: string;
  readonly signature: RegExp;
  /** The start of a real listing, for the table test. */
  readonly example: string;
}

export const DIRECTORY_LISTINGS: readonly ListingSignature[] = [
  {
    name: 'nginx autoindex',
    signature: /<h1>Index of \/[^<]*<\/h1><hr><pre>/i,
    example:
      '<html>\r\n<head><title>Index of /files/</title></head>\r\n<body>\r\n<h1>Index of /files/</h1><hr><pre><a href="../">../</a>\r\n<a href="report.pdf">report.pdf</a>                                         02-May-2024 09:14                1024\r\n</pre><hr></body>\r\n</html>\r\n',
  },
  {
    name: 'Apache mod_autoindex',
    // A subfolder shows "Parent Directory"; the root has none, but the sortable Name column is always there.
    signature: /<h1>Index of \/[^<]*<\/h1>[\s\S]*?(?:>\s*Parent Directory<|<a href="\?C=N;O=D">Name<\/a>)/i,
    example:
      '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>Index of /uploads</title>\n </head>\n <body>\n<h1>Index of /uploads</h1>\n  <table>\n   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th></tr>\n   <tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="/">Parent Directory</a></td></tr>',
  },
  {
    name: 'IIS directory browsing',
    signature: /\[To Parent Directory\]|<H1>[^<]* - \/[^<]*<\/H1><hr>\s*<pre>/i,
    example:
      '<html><head><title>www.example.com - /files/</title></head><body><H1>www.example.com - /files/</H1><hr>\r\n\r\n<pre><A HREF="/">[To Parent Directory]</A><br><br> 5/2/2024  9:14 AM         1024 <A HREF="/files/report.pdf">report.pdf</A><br></pre><hr></body></html>',
  },
  {
    name: 'Python http.server',
    signature: /<title>Directory listing for \/[^<]*<\/title>/i,
    example:
      '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n<li><a href=".env">.env</a></li>\n</ul>',
  },
  {
    name: 'an "Index of /" listing (lighttpd and others)',
    signature: /<title>Index of \/[^<]*<\/title>/i,
    example:
      '<!DOCTYPE html>\n<html>\n<head>\n<title>Index of /images/</title>\n</head>\n<body>\n<h2>Index of /images/</h2>\n<div class="list">\n<table summary="Directory Listing" cellpadding="0" cellspacing="0">',
  },
];

/** The server whose directory listing this body is, or undefined when it is not one. */
export function listingServer(body: string): string | undefined {
  const excerpt = body.slice(0, SIGNATURE_WINDOW);
  return DIRECTORY_LISTINGS.find((l) => l.signature.test(excerpt))?.name;
}

/**
 * The answer to judge, or why there is none: a failed request, a 5xx, a WAF page, a rate limit
 * (29 requests in a row can trip one) or a redirect to another origin (an http:// origin sending
 * every path to https://) tells nothing about the file or folder asked for.
 */
export function judgeable(exchange: Exchange): {response: HttpResponse} | {reason: string} {
  const res = exchange.response;
  if (!res) return {reason: exchange.error?.message ?? 'no response'};
  const why = inconclusiveReason(res) ?? redirectedAway(res);
  return why ? {reason: why.message} : {response: res};
}

/** The request header TRACE carries; a body that contains it echoes the request (Cross-Site Tracing). */
export const TRACE_MARKER_HEADER = 'x-shipcheck-trace';
