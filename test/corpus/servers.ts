/**
 * How each corpus configuration is started: real servers (Debian's nginx, Apache, HAProxy, lighttpd,
 * Caddy, Django, Flask, PHP; Node and Express) on 127.0.0.1 only, each with its config written into
 * its own temporary folder. Config files live in ./configs; `{{…}}` placeholders get the ports,
 * folders and certificate files chosen here.
 */
import type http from 'node:http';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {makeLeaf, testCerts, type Leaf} from '../helpers/certs.js';
import {startExpressApp, startPhp} from '../helpers/frameworks.js';
import {hardenedFiles, HARDENED_SERVER, MOZILLA_INTERMEDIATE_CIPHERS, startNginx, tlsServerConfig} from '../helpers/nginx.js';
import {closedPort, freePort, startHttpServer, startHttpsServer} from '../helpers/servers.js';
import {fill, serverDir, startDaemon, writeFiles} from './daemon.js';
import type {ConfigName} from './expected.js';

export interface CorpusCerts {
  /** The test CA, trusted by the scan as `--ca-file` would make it. */
  readonly ca: string;
  /** 90 days, for 127.0.0.1: far from the 30-day expiry warning and under Mozilla's lifetime cap. */
  readonly good: Leaf;
  /** Expired yesterday. */
  readonly expired: Leaf;
}

export async function corpusCerts(): Promise<CorpusCerts> {
  const {caPem} = await testCerts();
  return {
    ca: caPem,
    good: await makeLeaf({name: 'corpus', days: 90}),
    expired: await makeLeaf({name: 'corpus-expired', days: -1}),
  };
}

/** One configuration, running. */
export interface RunningConfig {
  /** The URL scanned. */
  readonly url: string;
  /** Where the HTTP→HTTPS redirect is tested from (`--http-url`). */
  readonly httpUrl: string;
  /** JSON endpoints named with `--api-path`. */
  readonly apiPaths?: readonly string[];
  close(): Promise<void>;
}

const CONFIGS = join(import.meta.dirname, 'configs');
const config = (name: string): string => readFileSync(join(CONFIGS, name), 'utf8');

const INDEX_HTML = '<!doctype html><html><head><title>staging</title></head><body><h1>It works</h1></body></html>\n';

/** Ports chosen ahead for servers that cannot listen on port 0. */
async function ports(): Promise<{HTTP_PORT: number; HTTPS_PORT: number}> {
  return {HTTP_PORT: await freePort(), HTTPS_PORT: await freePort()};
}

/** Where nothing listens: a site without a plain-HTTP port, as `--http-url` would name port 80. */
async function noPlainHttp(): Promise<string> {
  return `http://127.0.0.1:${await closedPort()}/`;
}

function closeAll(...closers: {close(): Promise<void>}[]): () => Promise<void> {
  return async () => {
    await Promise.all(closers.map((c) => c.close()));
  };
}

/** The headers every page of a careful site sends, HSTS and cookies aside (nginx, http {} level). */
const PAGE_HEADERS = `
    add_header Content-Security-Policy "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'" always;
    add_header X-Content-Type-Options "nosniff" always;
    add_header X-Frame-Options "DENY" always;
    add_header Referrer-Policy "strict-origin-when-cross-origin" always;
    add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
`;

/** The hardened nginx site with other TLS settings: HARDENED_SERVER's own ssl_* lines give way to `tls`. */
function hardenedWithTls(tls: string): string {
  const rest = HARDENED_SERVER.split('\n').filter((line) => !line.trim().startsWith('ssl_'));
  return [tls, ...rest].join('\n');
}

async function nginxHttps(options: Parameters<typeof startNginx>[0]): Promise<RunningConfig> {
  const nginx = await startNginx(options);
  return {url: nginx.httpsUrl, httpUrl: nginx.httpUrl, close: () => nginx.close()};
}

/** nginx as the TLS front of an app on `upstreamPort`: Mozilla intermediate, port 80 redirected. */
function nginxProxy(tls: Leaf, upstreamPort: number): ReturnType<typeof startNginx> {
  return startNginx({
    tls,
    http: 'redirect',
    httpBlock: 'server_tokens off;',
    server: `${tlsServerConfig('intermediate')}
    location / {
      proxy_pass http://127.0.0.1:${upstreamPort};
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-Proto https;
    }`,
  });
}

async function apache(template: string, tls: Leaf, files: Readonly<Record<string, string>>): Promise<RunningConfig> {
  const dir = serverDir('apache');
  const p = await ports();
  writeFiles(dir, {'apache.conf': fill(config(template), {...p, DIR: dir, CERT: tls.certFile, KEY: tls.keyFile})});
  writeFiles(join(dir, 'www'), {'index.html': INDEX_HTML, ...files});
  const daemon = await startDaemon({
    name: 'Apache',
    command: 'apache2',
    args: ['-f', join(dir, 'apache.conf'), '-DFOREGROUND'],
    ports: [p.HTTP_PORT, p.HTTPS_PORT],
    dir,
  });
  return {url: `https://127.0.0.1:${p.HTTPS_PORT}/`, httpUrl: `http://127.0.0.1:${p.HTTP_PORT}/`, close: () => daemon.close()};
}

async function caddy(
  template: string,
  tls: Leaf,
  values: Readonly<Record<string, number>>,
  files: Readonly<Record<string, string>>,
): Promise<RunningConfig> {
  const dir = serverDir('caddy');
  const p = await ports();
  writeFiles(dir, {Caddyfile: fill(config(template), {...p, ...values, DIR: dir, CERT: tls.certFile, KEY: tls.keyFile})});
  writeFiles(join(dir, 'www'), files);
  // Caddy keeps its state under HOME / XDG folders: the temporary folder, never the user's.
  const env = {HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config')};
  const daemon = await startDaemon({
    name: 'Caddy',
    command: 'caddy',
    args: ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'],
    ports: [p.HTTP_PORT, p.HTTPS_PORT],
    dir,
    env,
  });
  return {url: `https://127.0.0.1:${p.HTTPS_PORT}/`, httpUrl: `http://127.0.0.1:${p.HTTP_PORT}/`, close: () => daemon.close()};
}

/** Debian's python3-django and python3-flask are installed for the system interpreter, not a pyenv one on PATH. */
const SYSTEM_PYTHON = '/usr/bin/python3';

async function django(production: boolean): Promise<{url: string; port: number; close(): Promise<void>}> {
  const dir = serverDir('django');
  writeFiles(dir, {'app.py': config('django_app.py')});
  const port = await freePort();
  const env = {DJANGO_PRODUCTION: production ? '1' : '0', PYTHONDONTWRITEBYTECODE: '1'};
  const daemon = await startDaemon({
    name: 'Django',
    command: SYSTEM_PYTHON,
    args: ['app.py', 'runserver', `127.0.0.1:${port}`, '--noreload'],
    ports: [port],
    dir,
    env,
  });
  return {url: `http://127.0.0.1:${port}/`, port, close: () => daemon.close()};
}

async function flask(production: boolean): Promise<{url: string; port: number; close(): Promise<void>}> {
  const dir = serverDir('flask');
  writeFiles(dir, {'app.py': config('flask_app.py')});
  const port = await freePort();
  const env = {FLASK_PRODUCTION: production ? '1' : '0', PORT: String(port), PYTHONDONTWRITEBYTECODE: '1'};
  const daemon = await startDaemon({name: 'Flask', command: SYSTEM_PYTHON, args: ['app.py'], ports: [port], dir, env});
  return {url: `http://127.0.0.1:${port}/`, port, close: () => daemon.close()};
}

/** Node's TLS options for Mozilla intermediate (its default list also has static-RSA and CBC suites). */
const NODE_INTERMEDIATE = {
  minVersion: 'TLSv1.2',
  ciphers: MOZILLA_INTERMEDIATE_CIPHERS,
  ecdhCurve: 'X25519:prime256v1:secp384r1',
  honorCipherOrder: false,
} as const;

/** The shop behind HAProxy: CSP and the other page headers, a Secure session cookie; GET and HEAD only. */
function shopApp(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, {allow: 'GET, HEAD'}).end();
    return;
  }
  if (new URL(req.url ?? '/', 'http://app').pathname !== '/') {
    res.writeHead(404, {'content-type': 'text/plain'}).end('Not found');
    return;
  }
  res.setHeader('Set-Cookie', '__Host-session=5f0c7a1e; Path=/; Secure; HttpOnly; SameSite=Lax');
  res.writeHead(200, {'content-type': 'text/html'}).end(INDEX_HTML);
}

/** An API that opens every response to every origin, with credentials, and answers preflights for writes. */
function wildcardCorsApi(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {'access-control-allow-methods': 'GET, POST, PUT, DELETE', 'access-control-allow-headers': 'content-type'}).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, {allow: 'GET, HEAD, OPTIONS'}).end();
    return;
  }
  const home = new URL(req.url ?? '/', 'https://api').pathname === '/';
  res
    .writeHead(home ? 200 : 404, {'content-type': 'application/json'})
    .end(JSON.stringify(home ? {items: ['teapot', 'kettle']} : {error: 'not found'}));
}

/** Every configuration of expected.ts, by name: how to start it. */
export const START: Readonly<Record<ConfigName, (certs: CorpusCerts) => Promise<RunningConfig>>> = {
  'nginx-hardened': ({good}) => nginxHttps({tls: good, server: HARDENED_SERVER, http: 'redirect', files: hardenedFiles()}),

  'nginx-default': ({good}) => nginxHttps({tls: good}),

  'nginx-plain-http': async ({good}) => {
    const nginx = await startNginx({tls: good, httpBlock: `server_tokens off;${PAGE_HEADERS}`});
    // An http:// target is its own HTTP URL, as it is on port 80.
    return {url: nginx.httpUrl, httpUrl: nginx.httpUrl, close: () => nginx.close()};
  },

  'nginx-downgrade': async ({good}) => {
    const plainPort = await freePort();
    return nginxHttps({
      tls: good,
      http: 'redirect',
      httpBlock: `server_tokens off;${PAGE_HEADERS}
  server {
    listen 127.0.0.1:${plainPort};
    location / { return 200 '${INDEX_HTML.trim()}'; }
  }`,
      server: `${tlsServerConfig('intermediate')}
    location / { return 301 http://$host:${plainPort}$request_uri; }`,
    });
  },

  'nginx-tls13-only': ({good}) =>
    nginxHttps({tls: good, server: hardenedWithTls(tlsServerConfig('modern')), http: 'redirect', files: hardenedFiles()}),

  'nginx-legacy-tls': ({good}) =>
    nginxHttps({tls: good, server: hardenedWithTls(tlsServerConfig('legacy')), http: 'redirect', files: hardenedFiles()}),

  'nginx-cors-reflect': ({good}) =>
    nginxHttps({
      tls: good,
      server: `${HARDENED_SERVER}
    add_header Access-Control-Allow-Origin $http_origin always;
    add_header Access-Control-Allow-Credentials "true" always;`,
      http: 'redirect',
      files: hardenedFiles(),
    }),

  'apache-hardened': ({good}) => apache('apache-hardened.conf', good, hardenedFiles()),

  'apache-default': ({good}) =>
    apache('apache-default.conf', good, {'uploads/invoice-2026-11.pdf': '%PDF-1.7\n', 'uploads/customers.csv': 'id,name,email\n'}),

  'apache-expired-cert': ({expired}) => apache('apache-hardened.conf', expired, hardenedFiles()),

  'caddy-default': ({good}) =>
    caddy(
      'caddy-default.Caddyfile',
      good,
      {},
      {
        'index.html': INDEX_HTML,
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.git/config':
          '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n[remote "origin"]\n\turl = git@git.example.com:shop/site.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n',
      },
    ),

  'haproxy-node': async ({good}) => {
    const app = await startHttpServer(shopApp);
    const dir = serverDir('haproxy');
    const p = await ports();
    writeFiles(dir, {'haproxy.cfg': fill(config('haproxy.cfg'), {...p, APP_PORT: app.port, DIR: dir})});
    // HAProxy reads the certificate and its key from one file, which only it (root) may read.
    writeFileSync(join(dir, 'site.pem'), good.certPem + good.keyPem, {mode: 0o600});
    const daemon = await startDaemon({
      name: 'HAProxy',
      command: 'haproxy',
      args: ['-db', '-f', join(dir, 'haproxy.cfg')],
      ports: [p.HTTP_PORT, p.HTTPS_PORT],
      dir,
    }).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    return {url: `https://127.0.0.1:${p.HTTPS_PORT}/`, httpUrl: `http://127.0.0.1:${p.HTTP_PORT}/`, close: closeAll(daemon, app)};
  },

  'lighttpd-default': async ({good}) => {
    const dir = serverDir('lighttpd');
    const p = await ports();
    writeFiles(dir, {'lighttpd.conf': fill(config('lighttpd.conf'), {...p, DIR: dir, CERT: good.certFile, KEY: good.keyFile})});
    writeFiles(join(dir, 'www'), {'index.html': INDEX_HTML});
    const daemon = await startDaemon({
      name: 'lighttpd',
      command: 'lighttpd',
      args: ['-D', '-f', join(dir, 'lighttpd.conf')],
      ports: [p.HTTP_PORT, p.HTTPS_PORT],
      dir,
    });
    return {url: `https://127.0.0.1:${p.HTTPS_PORT}/`, httpUrl: `http://127.0.0.1:${p.HTTP_PORT}/`, close: () => daemon.close()};
  },

  'express-dev': async () => {
    const app = await startExpressApp(config('express-dev.mjs'));
    return {url: app.url, httpUrl: app.url, apiPaths: ['/api/items'], close: () => app.close()};
  },

  'express-production': async ({good}) => {
    const httpPort = await freePort();
    const app = await startExpressApp(config('express-production.mjs'), {
      NODE_ENV: 'production',
      HTTP_PORT: String(httpPort),
      CERT_FILE: good.certFile,
      KEY_FILE: good.keyFile,
      CIPHERS: MOZILLA_INTERMEDIATE_CIPHERS,
    });
    // startExpressApp names the app's port with http://; this app speaks TLS there.
    const url = app.url.replace(/^http:/, 'https:');
    return {url, httpUrl: `http://127.0.0.1:${httpPort}/`, apiPaths: ['/api/items'], close: () => app.close()};
  },

  'django-debug': async () => {
    const app = await django(false);
    return {url: app.url, httpUrl: app.url, close: () => app.close()};
  },

  'django-production': async ({good}) => {
    const app = await django(true);
    const nginx = await nginxProxy(good, app.port).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    return {url: nginx.httpsUrl, httpUrl: nginx.httpUrl, close: closeAll(nginx, app)};
  },

  'flask-debug': async () => {
    const app = await flask(false);
    return {url: app.url, httpUrl: app.url, close: () => app.close()};
  },

  'flask-production': async ({good}) => {
    const app = await flask(true);
    const front = await caddy('caddy-flask.Caddyfile', good, {APP_PORT: app.port}, {}).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    return {...front, close: closeAll(front, app)};
  },

  'php-display-errors': async () => {
    const app = await startPhp({displayErrors: true, files: {'index.php': config('php-index.php')}});
    return {url: app.url, httpUrl: app.url, close: () => app.close()};
  },

  'node-cors-wildcard': async ({good}) => {
    const api = await startHttpsServer(wildcardCorsApi, {key: good.keyPem, cert: good.certPem}, NODE_INTERMEDIATE);
    return {url: `${api.url}/`, httpUrl: await noPlainHttp(), close: () => api.close()};
  },
};
