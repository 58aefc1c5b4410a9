/**
 * The error probe and the `error-disclosure` check against real frameworks and servers on loopback:
 * Express in development and production mode, Django with DEBUG on and off, PHP's built-in server
 * with display_errors on and off, and nginx with server_tokens on and off. Also what the probe
 * puts on the wire: which methods, where, and never the user's credentials.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import check from '../../checks/error-disclosure.js';
import {makeTarget} from '../../src/core/target.js';
import type {CheckOutcome, ErrorProbe, Page, TargetInfo} from '../../src/core/types.js';
import {errorPagesProbe} from '../../src/probes/error-pages.js';
import {pagesProbe} from '../../src/probes/pages.js';
import {HttpClient} from '../../src/probes/http.js';
import {testCerts, type TestCerts} from '../helpers/certs.js';
import {startDjango, startExpressApp, startFlask, startPhp} from '../helpers/frameworks.js';
import {startNginx} from '../helpers/nginx.js';
import {startHttpsServer} from '../helpers/servers.js';

/** What the CLI reads of a body by default. */
const MAX_BODY_BYTES = 512 * 1024;

let certs: TestCerts;
const running: {close(): Promise<void>}[] = [];

async function track<T extends {close(): Promise<void>}>(server: Promise<T>): Promise<T> {
  const s = await server;
  running.push(s);
  return s;
}

interface Scan {
  readonly probes: readonly ErrorProbe[];
  readonly pages: readonly Page[];
  readonly result: CheckOutcome;
}

/** Runs the real probes through the real client, then the check, as `shipcheck scan` would. */
async function scan(url: string, apiPaths: string[] = [], headers: Record<string, string> = {}, paths: string[] = []): Promise<Scan> {
  const target = makeTarget({url, apiPaths, headers, paths});
  const signal = AbortSignal.timeout(20_000);
  const client = new HttpClient({
    signal,
    requestTimeoutMs: 5000,
    maxBodyBytes: MAX_BODY_BYTES,
    ca: [certs.caPem],
    credentials: {origin: target.url.origin, headers},
  });
  const [probes, pages] = await Promise.all([errorPagesProbe.gather(target, {client, signal}), pagesProbe.gather(target, {client, signal})]);
  await client.close();
  const info: TargetInfo = {url: target.url.href, host: target.url.hostname, https: target.url.protocol === 'https:', tlsProfile: 'intermediate'};
  return {probes, pages, result: check.run({ErrorPages: probes, Pages: pages}, check.defaultOptions, info)};
}

/** The provocations with a finding of this id, in probe order. */
function flagged(result: CheckOutcome, messageId: string): unknown[] {
  return result.findings.filter((f) => f.messageId === messageId).map((f) => f.data?.provocation);
}

const ALL = ['not-found', 'bad-method', 'malformed-query', 'long-path', 'malformed-json'];

beforeAll(async () => {
  certs = await testCerts();
});

afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
});

describe('Express 5', () => {
  // A route with a bug: a non-numeric id throws. Malformed JSON fails in express.json().
  const app = `
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  if (req.query.id !== undefined && !/^[0-9]+$/.test(String(req.query.id))) throw new Error('no item ' + req.query.id);
  res.send('<!doctype html><title>shop</title><h1>Shop</h1>');
});
app.post('/api/items', express.json(), (req, res) => res.status(201).json(req.body));
app.listen(Number(process.env.PORT), '127.0.0.1');
`;

  it('in development mode fails on the stack traces of the thrown error and of the JSON parser', async () => {
    const server = await track(startExpressApp(app));
    const {probes, result} = await scan(server.url, ['/api/items']);
    expect(probes.map((p) => [p.provocation, p.response?.status])).toEqual([
      ['not-found', 404],
      ['bad-method', 404],
      ['malformed-query', 500],
      ['long-path', 404],
      ['malformed-json', 400],
    ]);
    expect(result.status).toBe('fail');
    expect(flagged(result, 'disclosed')).toEqual(['malformed-query', 'malformed-json']);
    expect(result.findings[0]?.data?.signatures).toBe('Express development error page, Node.js stack trace');
  });

  it('in production mode passes', async () => {
    const server = await track(startExpressApp(app, {NODE_ENV: 'production'}));
    const {probes, result} = await scan(server.url, ['/api/items']);
    expect(probes.find((p) => p.provocation === 'malformed-query')?.response?.status).toBe(500);
    expect(result).toEqual({status: 'pass', findings: []});
  });
});

describe('Django 3.2 (runserver)', () => {
  it('with DEBUG = True fails on the debug pages of every provocation and of the crashing target page', async () => {
    const server = await track(startDjango({debug: true}));
    const {result} = await scan(server.url, ['/api/items']);
    expect(result.status).toBe('fail');
    expect(flagged(result, 'disclosed')).toEqual([...ALL, 'page']);
    expect(result.findings.find((f) => f.data?.provocation === 'page')).toMatchObject({page: '/', data: {status: 500}});
    const signatures = result.findings.map((f) => f.data?.signatures);
    expect(signatures[0]).toBe('Django DEBUG = True notice');
    expect(signatures[1]).toMatch(/^Django debug page, .*Python traceback/);
  });

  it('with DEBUG = False passes', async () => {
    const server = await track(startDjango({debug: false}));
    const {probes, result} = await scan(server.url, ['/api/items']);
    expect(probes.map((p) => p.response?.status)).toEqual([404, 500, 500, 404, 500]);
    expect(result).toEqual({status: 'pass', findings: []});
  });
});

describe('Flask (Werkzeug development server)', () => {
  it('with debug on fails on the traceback of a page named with --path and on the open /console', async () => {
    const server = await track(startFlask({debug: true}));
    const {probes, pages, result} = await scan(server.url, [], {}, ['/report']);
    expect(pages.find((p) => p.path === '/report')?.response?.status).toBe(500);
    expect(probes.find((p) => p.provocation === 'debug-console')).toMatchObject({path: '/console', response: {status: 200}});
    expect(result.status).toBe('fail');
    const disclosed = result.findings.filter((f) => f.messageId === 'disclosed');
    expect(disclosed.map((f) => f.page)).toEqual(expect.arrayContaining(['/report', '/console']));
    expect(disclosed.find((f) => f.page === '/report')?.data?.signatures).toMatch(/Werkzeug debugger/);
  });

  it('with debug off passes: a plain 500 on the named page, no console', async () => {
    const server = await track(startFlask({debug: false}));
    const {probes, pages, result} = await scan(server.url, [], {}, ['/report']);
    expect(pages.find((p) => p.path === '/report')?.response?.status).toBe(500);
    expect(probes.find((p) => p.provocation === 'debug-console')?.response?.status).toBe(404);
    expect(result).toEqual({status: 'pass', findings: []});
  });
});

describe("PHP 8.2's built-in server", () => {
  it('with display_errors on fails on a fatal error of a page named with --path', async () => {
    const files = {
      'index.php': '<?php echo "<h1>Shop</h1>";',
      'cart.php': '<?php\necho "<h1>Cart</h1>";\ncart_total();\n',
    };
    const server = await track(startPhp({displayErrors: true, files}));
    const {result} = await scan(server.url, [], {}, ['/cart.php']);
    expect(result.status).toBe('fail');
    expect(result.findings.filter((f) => f.messageId === 'disclosed').map((f) => f.page)).toEqual(['/cart.php']);
  });

  // Every missing path falls back to index.php, which reads an array key that is not there.
  const files = {'index.php': '<?php\n$items = [];\necho "<h1>Items</h1>\\n";\necho $items[\'missing\'];\necho "<p>done</p>\\n";\n'};

  it('with display_errors on fails, and warns that the error text answers 200', async () => {
    const server = await track(startPhp({displayErrors: true, files}));
    const {probes, result} = await scan(server.url, ['/api/items']);
    expect(probes.map((p) => p.response?.status)).toEqual([200, 200, 200, 200, 200]);
    expect(result.status).toBe('fail');
    expect(flagged(result, 'disclosed')).toEqual([...ALL, 'page']);
    expect(flagged(result, 'error-with-200')).toEqual([...ALL, 'page']);
    expect(result.findings[0]?.data?.signatures).toBe('PHP error message with file and line');
  });

  it('with display_errors off passes', async () => {
    const server = await track(startPhp({displayErrors: false, files}));
    const {result} = await scan(server.url, ['/api/items']);
    expect(result).toEqual({status: 'pass', findings: []});
  });
});

describe('nginx 1.22 default error pages', () => {
  it('with server_tokens on warns about the version banner', async () => {
    const nginx = await track(startNginx({tls: certs, server: 'server_tokens on;'}));
    const {probes, result} = await scan(nginx.httpsUrl);
    expect(probes.map((p) => [p.provocation, p.response?.status])).toEqual([
      ['not-found', 404],
      ['bad-method', 405],
      ['malformed-query', 200],
      ['long-path', 404],
    ]);
    expect(result.status).toBe('warn');
    expect(flagged(result, 'version-banner')).toEqual(['not-found', 'bad-method', 'long-path']);
    expect(result.findings[0]?.data?.excerpt).toBe('nginx/1.22.1');
  });

  it('with server_tokens off passes', async () => {
    const nginx = await track(startNginx({tls: certs, server: 'server_tokens off;'}));
    const {result} = await scan(nginx.httpsUrl);
    expect(result).toEqual({status: 'pass', findings: []});
  });
});

describe('errorPagesProbe on the wire', () => {
  it('sends the planned requests without credentials, POSTs only to the API paths, and keeps 5xx answers', async () => {
    const server = await track(
      startHttpsServer((_req, res) => void res.writeHead(503, {'content-type': 'text/plain'}).end('down'), {key: certs.keyPem, cert: certs.certPem}),
    );
    const target = `${server.url}/app/`;
    const {probes} = await scan(target, ['/api/items', '/api/orders'], {authorization: 'Bearer secret-token', 'x-api-key': 'secret-key'});
    expect(server.requests.map((r) => [r.method, r.url])).toEqual(
      expect.arrayContaining([
        ['GET', expect.stringMatching(/^\/app\/shipcheck-[0-9a-f]{16}$/)],
        ['PROPFIND', '/app/'],
        ['GET', '/app/?id=%27&q=%22%27&x[]=1&x=2&%E0%A4%A=%'],
        ['GET', expect.stringMatching(/^\/app\/shipcheck-a{4086}$/)],
        ['POST', '/api/items'],
        ['POST', '/api/orders'],
      ]),
    );
    // Every provocation is planned; the debug consoles are asked for only when a framework shows.
    // (The one GET of /app/ itself is the pages probe's, which carries the user's headers.)
    const provoked = server.requests.filter((r) => r.method !== 'GET' || r.url !== '/app/');
    const planned = errorPagesProbe.plan(makeTarget({url: target, apiPaths: ['/api/items', '/api/orders']}));
    expect(provoked).toHaveLength(planned.filter((line) => !line.includes('only when')).length);
    for (const r of provoked) expect([r.headers.authorization, r.headers['x-api-key']]).toEqual([undefined, undefined]);
    expect(server.requests.find((r) => r.method === 'PROPFIND')?.headers.depth).toBe('0');
    expect(probes.map((p) => [p.response?.status, p.error])).toEqual(Array(6).fill([503, undefined]));
  });

  it('judges nothing when 503 answers everywhere: inconclusive, never a pass', async () => {
    const server = await track(
      startHttpsServer((_req, res) => void res.writeHead(503, {'content-type': 'text/html'}).end('<h1>Maintenance</h1>'), {
        key: certs.keyPem,
        cert: certs.certPem,
      }),
    );
    const {result} = await scan(`${server.url}/`, ['/api/items']);
    expect(result.status).toBe('error');
    expect(flagged(result, 'probe-unavailable')).toEqual(ALL);
  });

  it('turns a WAF challenge into an error the check reports as inconclusive', async () => {
    const waf = await track(
      startHttpsServer(
        (_req, res) => void res.writeHead(403, {'cf-mitigated': 'challenge', 'content-type': 'text/html'}).end('<title>Just a moment...</title>'),
        {key: certs.keyPem, cert: certs.certPem},
      ),
    );
    const {probes, result} = await scan(`${waf.url}/`);
    expect(probes.map((p) => p.error?.code)).toEqual(Array(4).fill('waf-challenge'));
    expect(result.status).toBe('error');
    expect(flagged(result, 'probe-unavailable')).toEqual(ALL.slice(0, 4));
  });
});
