/**
 * Real nginx (Debian's package) on loopback for integration tests and the benchmark: a config
 * written into a temporary folder, started in the foreground, stopped by `close()`.
 */
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, mkdirSync, writeFileSync} from 'node:fs';
import {createConnection} from 'node:net';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {freePort} from './servers.js';

export interface NginxTls {
  readonly certFile: string;
  readonly keyFile: string;
}

export interface Nginx {
  readonly httpsUrl: string;
  readonly httpUrl: string;
  readonly dir: string;
  close(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = createConnection({host: '127.0.0.1', port}, () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${port} within ${deadlineMs} ms: ${log()}`);
}

/** Mozilla's intermediate suites (guidelines 5.7), as nginx takes them. */
export const MOZILLA_INTERMEDIATE_CIPHERS =
  'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305';

/** Everything OpenSSL 3 can still serve; also what a client offers to meet such a server. */
export const LEGACY_CIPHERS = 'ALL:@SECLEVEL=0';

/**
 * `server {}` TLS directives: Mozilla's modern and intermediate profiles, and a legacy server that
 * offers everything OpenSSL 3 still can (TLS 1.0–1.2, static RSA, CBC, its own preference order).
 */
export function tlsServerConfig(kind: 'modern' | 'intermediate' | 'legacy', dhparamFile?: string): string {
  const dh = dhparamFile ? ` ssl_dhparam ${dhparamFile};` : '';
  switch (kind) {
    case 'modern':
      return 'ssl_protocols TLSv1.3; ssl_ecdh_curve X25519:prime256v1:secp384r1; ssl_prefer_server_ciphers off;';
    case 'intermediate':
      return `ssl_protocols TLSv1.2 TLSv1.3; ssl_ecdh_curve X25519:prime256v1:secp384r1; ssl_ciphers '${MOZILLA_INTERMEDIATE_CIPHERS}'; ssl_prefer_server_ciphers off;${dh}`;
    case 'legacy':
      return `ssl_protocols TLSv1 TLSv1.1 TLSv1.2; ssl_ciphers '${LEGACY_CIPHERS}'; ssl_prefer_server_ciphers on;${dh}`;
  }
}

/** A DH parameter file for a named group: instant, unlike generating a prime. */
export function dhParamFile(group: 'ffdhe2048' | 'modp_1536', dir: string): string {
  const file = join(dir, `${group}.pem`);
  execFileSync('openssl', ['genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', `group:${group}`, '-out', file], {timeout: 10_000});
  return file;
}

/**
 * The hardening a careful team puts in front of an app; every check that needs nothing named by the
 * user passes it: Mozilla intermediate TLS (without DHE: no dhparam file), headers, no dot-files.
 */
export const HARDENED_SERVER = `
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ${MOZILLA_INTERMEDIATE_CIPHERS.split(':')
      .filter((c) => !c.startsWith('DHE-'))
      .join(':')};
    ssl_prefer_server_ciphers off;
    location ~ /\\.(?!well-known/) { deny all; }
    server_tokens off;
    add_header Strict-Transport-Security "max-age=63072000; includeSubDomains; preload" always;
    add_header Content-Security-Policy "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'" always;
    add_header X-Content-Type-Options "nosniff" always;
    add_header X-Frame-Options "DENY" always;
    add_header Referrer-Policy "strict-origin-when-cross-origin" always;
    add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
    add_header Cross-Origin-Opener-Policy "same-origin" always;
    add_header Cross-Origin-Resource-Policy "same-origin" always;
    add_header Set-Cookie "__Host-sid=3f9a1c; Path=/; Secure; HttpOnly; SameSite=Lax" always;
`;

/** The files of the hardened site: an RFC 9116 security.txt that expires in a year. */
export function hardenedFiles(): Record<string, string> {
  const expires = new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {'.well-known/security.txt': `Contact: mailto:security@example.com\nExpires: ${expires}\n`};
}

export interface NginxOptions {
  readonly tls: NginxTls;
  /** Directives inside the https `server {}` block (headers, locations …); `{{httpPort}}` is replaced by the plain-HTTP port. */
  readonly server?: string;
  /** What the plain-HTTP server does; default: serve the same files (no redirect). */
  readonly http?: 'redirect' | 'serve';
  /** Extra directives at `http {}` level (limit_req_zone …). */
  readonly httpBlock?: string;
  /** Files to put in the web root besides index.html, by path relative to it (folders are created). */
  readonly files?: Readonly<Record<string, string>>;
}

/** Starts nginx on two free loopback ports: HTTPS (with HTTP/2) and plain HTTP. */
export async function startNginx(options: NginxOptions): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'shipcheck-nginx-'));
  const www = join(dir, 'www');
  mkdirSync(www);
  writeFileSync(join(www, 'index.html'), '<!doctype html><html><head><title>staging</title></head><body><h1>It works</h1></body></html>\n');
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(www, path)), {recursive: true});
    writeFileSync(join(www, path), content);
  }
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const httpServer =
    options.http === 'redirect'
      ? `return 301 https://$host:${httpsPort}$request_uri;`
      : `root ${www};${options.server?.includes('server_tokens off') ? ' server_tokens off;' : ''}`;
  const conf = `
user root;
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  default_type text/html;
  types { text/html html; text/plain txt; application/json json; }
  ${options.httpBlock ?? ''}
  server {
    listen 127.0.0.1:${httpsPort} ssl http2;
    ssl_certificate ${options.tls.certFile};
    ssl_certificate_key ${options.tls.keyFile};
    root ${www};
    ${(options.server ?? '').replaceAll('{{httpPort}}', String(httpPort))}
  }
  server {
    listen 127.0.0.1:${httpPort};
    ${httpServer}
  }
}
`;
  const confFile = join(dir, 'nginx.conf');
  writeFileSync(confFile, conf);
  let output = '';
  const child = spawn('nginx', ['-p', dir, '-c', confFile, '-e', join(dir, 'error.log')], {stdio: ['ignore', 'pipe', 'pipe']});
  // stdio 'pipe': spawn's types guarantee both streams.
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(httpsPort, child, () => output);
    await waitForPort(httpPort, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    httpsUrl: `https://127.0.0.1:${httpsPort}/`,
    httpUrl: `http://127.0.0.1:${httpPort}/`,
    dir,
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
