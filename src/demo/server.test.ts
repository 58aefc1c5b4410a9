import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {once} from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import {HARDENED} from '../../test/helpers/artifacts.js';
import {UsageError} from '../core/errors.js';
import {type DemoTarget, startDemo} from './server.js';

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One request with node:http(s), trusting only the given CA; no keep-alive unless an agent is passed. */
function send(url: string, options: https.RequestOptions = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8')}));
    };
    const req = url.startsWith('https:')
      ? https.request(url, {agent: false, ...options}, onResponse)
      : http.request(url, {agent: false, ...options}, onResponse);
    req.on('error', reject);
    req.end(body);
  });
}

describe('the demo target', () => {
  let demo: DemoTarget;
  const get = (path: string, options: https.RequestOptions = {}): Promise<Answer> => send(new URL(path, demo.url).href, {ca: demo.ca, ...options});

  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(() => demo.close());

  it('listens on 127.0.0.1 with a certificate only the demo CA vouches for', async () => {
    expect(demo.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(demo.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await get('/')).status).toBe(200);
    await expect(get('/', {ca: undefined})).rejects.toMatchObject({code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'});
  });

  it('/ mixes right, weak and leaky headers', async () => {
    const {status, headers, body} = await get('/');
    expect(status).toBe(200);
    expect(headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'strict-transport-security': 'max-age=86400',
      'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'permissions-policy': 'camera=(), microphone=()',
      'cross-origin-opener-policy': 'same-origin',
      'x-xss-protection': '1; mode=block',
      server: 'demo-shop/1.4.2',
      'x-powered-by': 'Express',
    });
    expect(headers['referrer-policy']).toBeUndefined();
    expect(headers['cross-origin-resource-policy']).toBeUndefined();
    expect(body).toContain('<h1>Demo Shop</h1>');
  });

  it('/ sets a session cookie without HttpOnly or SameSite next to a correct CSRF cookie', async () => {
    const cookies = (await get('/')).headers['set-cookie'];
    expect(cookies).toEqual([
      expect.stringMatching(/^session=[\w-]{22}; Path=\/; Secure$/),
      expect.stringMatching(/^__Host-csrf=[\w-]{22}; Path=\/; Secure; HttpOnly; SameSite=Strict$/),
    ]);
    expect((await get('/')).headers['set-cookie']?.[0]).not.toBe(cookies?.[0]);
  });

  it('/api/profile hands any Origin the profile, credentials included', async () => {
    const {status, headers, body} = await get('/api/profile', {headers: {origin: 'https://evil.example'}});
    expect(status).toBe(200);
    expect(headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'access-control-allow-origin': 'https://evil.example',
      'access-control-allow-credentials': 'true',
      'strict-transport-security': 'max-age=86400',
      server: 'demo-shop/1.4.2',
    });
    expect(JSON.parse(body)).toMatchObject({email: 'customer@demo-shop.test'});
    expect((await get('/api/profile')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('/login sends every hardened header, a fresh CSP nonce and only correct cookies', async () => {
    const first = await get('/login');
    const second = await get('/login');
    const nonce = /'nonce-([\w-]+)'/.exec(String(first.headers['content-security-policy']))?.[1];
    expect(first.status).toBe(200);
    expect(nonce).toBeDefined();
    expect(first.body).toContain(`<script nonce="${nonce}">`);
    expect(second.headers['content-security-policy']).not.toBe(first.headers['content-security-policy']);
    for (const [name, value] of Object.entries(HARDENED)) {
      const sent = String(first.headers[name]).replace(`'nonce-${nonce}'`, "'nonce-r4nd0m'");
      expect([name, sent]).toEqual([name, value]);
    }
    expect(first.headers['set-cookie']).toEqual([
      expect.stringMatching(/^__Host-session=[\w-]{22}; Path=\/; Secure; HttpOnly; SameSite=Lax$/),
      expect.stringMatching(/^__Host-csrf=[\w-]{22}; Path=\/; Secure; HttpOnly; SameSite=Strict$/),
    ]);
  });

  it('the HTTP listener answers every path with a 302 to the same path over HTTPS on the same host', async () => {
    const site = new URL(demo.url);
    for (const path of ['/', '/login?next=%2Faccount', '/no/such/page']) {
      const {status, headers} = await send(new URL(path, demo.httpUrl).href);
      expect([path, status, headers.location]).toEqual([path, 302, `${site.origin}${path}`]);
    }
    expect(new URL(demo.httpUrl).hostname).toBe(site.hostname);
  });

  it('an unknown path, security.txt among them, gets a 404 with a stack trace of server paths', async () => {
    for (const path of ['/no/such/page', '/.well-known/security.txt']) {
      const {status, body} = await get(path);
      expect([path, status]).toEqual([path, 404]);
      expect(body).toContain('at Router.handle (/srv/demo-shop/node_modules/express/lib/router/index.js:284:15)');
    }
  });

  it('/.env is served from the web root', async () => {
    const {status, body} = await get('/.env');
    expect(status).toBe(200);
    expect(body).toContain('DB_PASSWORD=demo-not-a-secret\n');
  });

  it('TRACE echoes the request, credentials included', async () => {
    const {status, headers, body} = await get('/anything', {method: 'TRACE', headers: {authorization: 'Bearer t0ken'}});
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('message/http');
    expect(body).toMatch(/^TRACE \/anything HTTP\/1\.1\r\n/);
    expect(body).toContain('authorization: Bearer t0ken\r\n');
  });

  it('/admin answers without credentials while /account asks for a Bearer token', async () => {
    expect((await get('/admin')).status).toBe(200);
    const account = await get('/account');
    expect(account.status).toBe(401);
    expect(account.headers['www-authenticate']).toBe('Bearer');
  });

  it('/api/login answers a burst of attempts without ever limiting them', async () => {
    const attempts = await Promise.all(
      Array.from({length: 20}, () =>
        send(new URL('/api/login', demo.url).href, {ca: demo.ca, method: 'POST', headers: {'content-type': 'application/json'}}, '{}'),
      ),
    );
    expect(new Set(attempts.map((a) => a.status))).toEqual(new Set([401]));
    expect(attempts.some((a) => a.headers['retry-after'] !== undefined)).toBe(false);
    expect((await get('/api/login')).status).toBe(401);
  });
});

describe('startDemo', () => {
  it('refuses a host its certificate does not name', async () => {
    await expect(startDemo({host: '0.0.0.0'})).rejects.toBeInstanceOf(UsageError);
  });

  it('close() resolves at once with a client mid-request, and stops both listeners', async () => {
    const demo = await startDemo();
    const {port, hostname} = new URL(demo.url);
    const socket = tls.connect({host: hostname, port: Number(port), ca: demo.ca});
    // close() resets the connection; that is what this test wants to see, not an error.
    socket.on('error', () => undefined);
    const ended = new Promise((resolve) => socket.once('close', resolve));
    try {
      await once(socket, 'secureConnect');
      // Just connected (the server may still be in the handshake) and an unfinished request head:
      // either would hold a plain server.close() open until headersTimeout (60 s).
      socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const started = Date.now();
      await demo.close();
      expect(Date.now() - started).toBeLessThan(2000);
      await ended;
      await expect(demo.close()).resolves.toBeUndefined();
      await expect(send(demo.url, {ca: demo.ca})).rejects.toMatchObject({code: 'ECONNREFUSED'});
      await expect(send(demo.httpUrl)).rejects.toMatchObject({code: 'ECONNREFUSED'});
    } finally {
      socket.destroy();
    }
  });
});
