/**
 * The rate-limit and auth probes through the real client, judged by their checks, against real
 * servers on loopback: nginx (limit_req with 429, with its default 503 and with Retry-After;
 * auth_basic) and an in-process Express 5 app (express-rate-limit with the IETF headers, routes
 * protected by jsonwebtoken, and the traps: a route that decodes JWTs without verifying, an
 * unprotected admin page, a login page served with 200). Servers count what reached them, so the
 * tests assert requests on the wire, never timings.
 */
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import express, {type Request} from 'express';
import {rateLimit} from 'express-rate-limit';
import jwt from 'jsonwebtoken';
import authCheck from '../../checks/auth-required.js';
import rateLimitCheck from '../../checks/rate-limit.js';
import type {CheckOutcome, AuthEndpoint, RateLimitBurst, TargetInfo} from '../../src/core/types.js';
import {makeTarget, parseAuthPath, type Target, type TargetInput} from '../../src/core/target.js';
import {authProbe} from '../../src/probes/auth.js';
import {ProbeFailure} from '../../src/probes/failure.js';
import {HttpClient} from '../../src/probes/http.js';
import type {ProbeContext} from '../../src/probes/probe.js';
import {BURST_CONCURRENCY, rateLimitProbe} from '../../src/probes/rate-limit.js';
import {testCerts, type TestCerts} from '../helpers/certs.js';
import {startNginx, type Nginx} from '../helpers/nginx.js';
import {tracker} from '../helpers/process.js';
import {startHttpServer, startHttpsServer, type RecordedRequest, type TestServer} from '../helpers/servers.js';

/** The user's own --header credential: must never reach a burst or an anonymous attempt. */
const USER_SECRET = `user-secret-${randomBytes(8).toString('hex')}`;
const JWT_KEY = randomBytes(32);
const ADMIN_PAGE = '<!doctype html><h1>Admin</h1><table><tr><td>alice@example.com</td><td>owner</td></tr></table>';
const LOGIN_PAGE =
  '<!doctype html><form method="post" action="/login"><input name="user"><input type="password" name="pw"><button>Log in</button></form>';
const BASIC_PASSWORD = randomBytes(9).toString('base64url');

let certs: TestCerts;
let nginx: Nginx;
let app: TestServer;
let plain: TestServer;
let logs: string;
const {track, closeAll} = tracker();

function context(target: Target): ProbeContext {
  const signal = AbortSignal.timeout(20_000);
  const client = new HttpClient({
    signal,
    requestTimeoutMs: 3000,
    maxBodyBytes: 64 * 1024,
    ca: [certs.caPem],
    credentials: {origin: target.url.origin, headers: {'x-api-key': USER_SECRET}},
  });
  return {client, signal};
}

function info(target: Target): TargetInfo {
  return {url: target.url.href, host: target.url.hostname, https: target.url.protocol === 'https:', tlsProfile: 'intermediate'};
}

async function bursts(input: TargetInput): Promise<{bursts: readonly RateLimitBurst[]; verdict: (path: string) => CheckOutcome}> {
  const target = makeTarget(input);
  const result = await rateLimitProbe.gather(target, context(target));
  return {bursts: result, verdict: (path) => rateLimitCheck.run({RateLimitBursts: result.filter((b) => b.path === path)}, {}, info(target))};
}

async function endpoints(input: TargetInput): Promise<{endpoints: readonly AuthEndpoint[]; verdict: (path: string) => CheckOutcome}> {
  const target = makeTarget(input);
  const result = await authProbe.gather(target, context(target));
  return {endpoints: result, verdict: (path) => authCheck.run({AuthEndpoints: result.filter((e) => e.path === path)}, {}, info(target))};
}

const ids = (outcome: CheckOutcome): string[] => outcome.findings.map((f) => f.messageId);
const logLines = (name: string): number => readFileSync(join(logs, name), 'utf8').split('\n').filter(Boolean).length;
const to = (server: TestServer, path: string): RecordedRequest[] => server.requests.filter((r) => r.url === path);

function bearer(req: Request): string {
  return /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
}

function verified(req: Request): boolean {
  try {
    jwt.verify(bearer(req), JWT_KEY, {algorithms: ['HS256']});
    return true;
  } catch {
    return false;
  }
}

// eslint-disable-next-line @typescript-eslint/no-deprecated -- false positive: the payload type includes string, so the JWT subject claim `sub` resolves to String.prototype.sub
const VALID_TOKEN = (): string => jwt.sign({sub: 'staff'}, JWT_KEY, {algorithm: 'HS256', expiresIn: '10m'});

function expressApp(): express.Express {
  const api = express();
  // Fixed 60 s windows: every limit below is met within one burst, whatever the machine's speed.
  api.use('/api/login', rateLimit({windowMs: 60_000, limit: 10, standardHeaders: 'draft-8', legacyHeaders: false}));
  api.use('/api/login7', rateLimit({windowMs: 60_000, limit: 10, standardHeaders: 'draft-7', legacyHeaders: false}));
  api.get(['/api/login', '/api/login7', '/api/flaky'], (_req, res) => void res.json({ok: true}));
  api.get('/api/me', (req, res) => {
    if (!verified(req)) return void res.status(401).set('www-authenticate', 'Bearer').json({error: 'invalid_token'});
    res.json({sub: 'staff'});
  });
  // The classic mistake: decode() reads the claims without checking the signature, so alg "none" passes.
  api.get('/api/broken', (req, res) => {
    const claims = jwt.decode(bearer(req));
    if (claims && typeof claims === 'object' && claims.sub) return void res.json({sub: claims.sub, role: claims.role as unknown});
    res.sendStatus(401);
  });
  api.post('/api/users', (req, res) => void res.sendStatus(verified(req) ? 201 : 401));
  api.get('/admin-open', (_req, res) => void res.send(ADMIN_PAGE));
  api.get('/account', (_req, res) => res.redirect('/login?next=%2Faccount'));
  api.get('/login', (_req, res) => void res.send(LOGIN_PAGE));
  api.get('/admin', (req, res) => void res.send(verified(req) ? ADMIN_PAGE : LOGIN_PAGE));
  api.get('/hidden', (req, res) => {
    if (verified(req)) res.send(ADMIN_PAGE);
    else res.sendStatus(404);
  });
  return api;
}

beforeAll(async () => {
  certs = await testCerts();
  logs = mkdtempSync(join(tmpdir(), 'shipcheck-ratelimit-'));
  // On stdin: a random password may start with '-', which openssl would read as an option.
  const hash = execFileSync('openssl', ['passwd', '-apr1', '-stdin'], {input: BASIC_PASSWORD, encoding: 'utf8'}).trim();
  writeFileSync(join(logs, 'htpasswd'), `staff:${hash}\n`);
  const limited = (zone: string, extra = ''): string =>
    `limit_req zone=${zone} burst=5 nodelay; ${extra} try_files /index.html =404; access_log ${join(logs, `${zone}.log`)};`;
  nginx = await track(
    startNginx({
      tls: {certFile: certs.certFile, keyFile: certs.keyFile},
      // 1 r/s with burst=5 nodelay: six requests pass at once, then the bucket refills one a second.
      httpBlock: ['login', 'signin', 'otp'].map((z) => `limit_req_zone $binary_remote_addr zone=${z}:1m rate=1r/s;`).join('\n  '),
      server: `
    location = /api/login { ${limited('login', 'limit_req_status 429;')} }
    location = /api/signin { ${limited('signin')} }
    location = /api/otp { ${limited('otp', 'limit_req_status 429; error_page 429 @limited;')} }
    location @limited { add_header Retry-After 60 always; return 429; }
    location = /open { try_files /index.html =404; access_log ${join(logs, 'open.log')}; }
    location /admin { auth_basic "staff"; auth_basic_user_file ${join(logs, 'htpasswd')}; try_files /index.html =404; }
    `,
    }),
  );
  app = await track(startHttpsServer(expressApp(), {key: certs.keyPem, cert: certs.certPem}));
  plain = await track(startHttpServer((_req, res) => void res.writeHead(401, {'www-authenticate': 'Basic'}).end()));
});

afterAll(closeAll);

describe('rate limiting against nginx limit_req', () => {
  it('meets the 429 of limit_req_status 429, with no Retry-After: warn', async () => {
    const {
      bursts: [burst],
      verdict,
    } = await bursts({url: nginx.httpsUrl, rateLimitPaths: ['/api/login']});
    expect(burst!.error).toBeUndefined();
    expect(burst!.limited?.status).toBe(429);
    // 1 + burst=5 pass at once; a slow machine lets the bucket refill a little.
    expect(burst!.limitedAt).toBeGreaterThanOrEqual(6);
    expect(burst!.limitedAt).toBeLessThanOrEqual(12);
    expect(burst!.statuses.slice(0, burst!.limitedAt! - 1).every((s) => s === 200)).toBe(true);
    expect(burst!.sent).toBeLessThanOrEqual(burst!.limitedAt! + BURST_CONCURRENCY - 1);
    expect(logLines('login.log')).toBe(burst!.sent);
    expect(verdict('/api/login')).toMatchObject({status: 'warn', findings: [{messageId: 'no-retry-signal', data: {status: 429}}]});
  });

  it("meets nginx's default 503 without Retry-After, the trap: limited at 503, warn", async () => {
    const {
      bursts: [burst],
      verdict,
    } = await bursts({url: nginx.httpsUrl, rateLimitPaths: ['/api/signin']});
    expect(burst!.error).toBeUndefined();
    expect(burst!.limited?.status).toBe(503);
    expect(burst!.limitedAt).toBeGreaterThanOrEqual(6);
    expect(burst!.limitedAt).toBeLessThanOrEqual(12);
    expect(logLines('signin.log')).toBe(burst!.sent);
    expect(ids(verdict('/api/signin'))).toEqual(['plain-503']);
    expect(verdict('/api/signin').status).toBe('warn');
  });

  it('meets a 429 with Retry-After from an error_page location: pass', async () => {
    const {
      bursts: [burst],
      verdict,
    } = await bursts({url: nginx.httpsUrl, rateLimitPaths: ['/api/otp']});
    expect(burst!.limited?.headers).toContainEqual(['retry-after', '60']);
    expect(verdict('/api/otp')).toMatchObject({status: 'pass', findings: [{messageId: 'limited', data: {retryAfter: '60 s', status: 429}}]});
  });

  it('sends exactly the planned burst at an unlimited location: fail', async () => {
    const {
      bursts: [burst],
      verdict,
    } = await bursts({url: nginx.httpsUrl, rateLimitPaths: ['/open'], burst: 40});
    expect(burst).toMatchObject({planned: 40, sent: 40, failures: 0});
    expect(burst!.statuses).toEqual(Array(40).fill(200));
    expect(logLines('open.log')).toBe(40);
    expect(verdict('/open')).toMatchObject({status: 'fail', findings: [{messageId: 'never-limited', data: {sent: 40, statuses: '200×40'}}]});
  });
});

describe('rate limiting against express-rate-limit', () => {
  it('meets the 429 with draft-8 RateLimit headers and Retry-After after exactly 10 answers: pass', async () => {
    const {
      bursts: [burst],
      verdict,
    } = await bursts({url: `${app.url}/`, rateLimitPaths: ['/api/login']});
    // A fixed-window counter lets exactly 10 through. The first 429 is the 11th answer unless a 200
    // still in flight on another connection arrives after it (at most BURST_CONCURRENCY - 1 can).
    expect(burst!.statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(burst!.limitedAt).toBeGreaterThanOrEqual(11 - BURST_CONCURRENCY + 1);
    expect(burst!.limitedAt).toBeLessThanOrEqual(11);
    expect(burst!.sent).toBe(to(app, '/api/login').length);
    expect(burst!.sent).toBeLessThanOrEqual(10 + BURST_CONCURRENCY);
    const outcome = verdict('/api/login');
    expect(outcome.status).toBe('pass');
    expect(outcome.findings[0]).toMatchObject({
      messageId: 'limited',
      data: {status: 429, limits: expect.stringMatching(/policy "10-in-1min" 10 per 60 s/)},
    });
    expect(outcome.findings[0]!.data!.retryAfter).toMatch(/^\d+ s$/);
  });

  it('reads the draft-7 RateLimit dictionary: pass', async () => {
    const {
      bursts: [burst],
      verdict,
    } = await bursts({url: `${app.url}/`, rateLimitPaths: ['/api/login7'], burst: 15});
    expect(burst!.sent).toBe(to(app, '/api/login7').length);
    expect(verdict('/api/login7').findings[0]).toMatchObject({messageId: 'limited', data: {limits: expect.stringMatching(/limit 10, remaining 0/)}});
  });

  it('sends no credential in a burst', () => {
    for (const r of [...to(app, '/api/login'), ...to(app, '/api/login7')]) {
      expect(r.headers['x-api-key']).toBeUndefined();
      expect(r.headers.authorization).toBeUndefined();
      expect(r.headers.cookie).toBeUndefined();
    }
  });
});

describe('rate limiting: the client never retries, and stops early', () => {
  let reset: TestServer;
  let crash: TestServer;
  let edge: TestServer;
  // Started by the tests themselves: only those a run actually reached get closed.
  const servers = tracker();
  afterAll(servers.closeAll);

  it('stops after one request when the first connection is reset, and the server saw exactly one', async () => {
    reset = await servers.track(startHttpsServer((req) => req.socket.destroy(), {key: certs.keyPem, cert: certs.certPem}));
    const {
      bursts: [burst],
      verdict,
    } = await bursts({url: `${reset.url}/`, rateLimitPaths: ['/api/login']});
    expect(burst).toMatchObject({sent: 1, statuses: [], failures: 1, error: {code: 'connection-reset'}});
    expect(reset.requests).toHaveLength(1);
    expect(verdict('/api/login')).toMatchObject({status: 'error', findings: [{messageId: 'burst-error'}]});
  });

  it('stops at a 500 in the middle of the burst: what it sent is what the server received', async () => {
    let n = 0;
    crash = await servers.track(
      startHttpsServer((_req, res) => void res.writeHead(++n >= 5 ? 500 : 200).end(), {key: certs.keyPem, cert: certs.certPem}),
    );
    const {
      bursts: [burst],
    } = await bursts({url: `${crash.url}/`, rateLimitPaths: ['/api/flaky'], burst: 200});
    expect(burst!.error?.code).toBe('http-5xx');
    expect(burst!.limitedAt).toBeUndefined();
    expect(burst!.sent).toBe(crash.requests.length);
    expect(burst!.sent).toBeLessThanOrEqual(4 + BURST_CONCURRENCY);
  });

  it('sends one request to an endpoint in maintenance (503 with Retry-After) and judges nothing', async () => {
    edge = await servers.track(
      startHttpsServer(
        (req, res) => {
          if (req.url === '/maintenance') return void res.writeHead(503, {'retry-after': '120'}).end('back soon');
          if (req.url === '/spent') return void res.writeHead(429, {'retry-after': '60'}).end('too many requests');
          const challenged = edge.requests.filter((r) => r.url === '/waf').length > 3;
          if (challenged)
            return void res.writeHead(403, {'cf-mitigated': 'challenge', 'content-type': 'text/html'}).end('<title>Just a moment...</title>');
          res.writeHead(200).end('ok');
        },
        {key: certs.keyPem, cert: certs.certPem},
      ),
    );
    const {
      bursts: [burst],
    } = await bursts({url: `${edge.url}/`, rateLimitPaths: ['/maintenance']});
    expect(burst).toMatchObject({sent: 1, statuses: [503], error: {code: 'http-5xx'}});
    expect(to(edge, '/maintenance')).toHaveLength(1);
  });

  it('sends one request to an endpoint already limited (429 with Retry-After at the first answer) and judges nothing', async () => {
    const {
      bursts: [burst],
      verdict,
    } = await bursts({url: `${edge.url}/`, rateLimitPaths: ['/spent']});
    expect(burst).toMatchObject({sent: 1, statuses: [429], error: {code: 'rate-limited'}});
    expect(burst!.limitedAt).toBeUndefined();
    expect(to(edge, '/spent')).toHaveLength(1);
    expect(verdict('/spent')).toMatchObject({status: 'error', findings: [{messageId: 'burst-error'}]});
  });

  it('stops at a WAF challenge in the middle of the burst: inconclusive, not a limit', async () => {
    const {
      bursts: [burst],
      verdict,
    } = await bursts({url: `${edge.url}/`, rateLimitPaths: ['/waf']});
    expect(burst!.error?.code).toBe('waf-challenge');
    expect(burst!.limitedAt).toBeUndefined();
    expect(burst!.sent).toBe(to(edge, '/waf').length);
    expect(burst!.sent).toBeLessThanOrEqual(3 + BURST_CONCURRENCY);
    expect(verdict('/waf').status).toBe('error');
  });
});

describe('auth-required against nginx auth_basic', () => {
  it('is refused with 401 every anonymous way, and opened by the Basic credentials of the positive control: pass', async () => {
    const control: [string, string] = ['Authorization', `Basic ${Buffer.from(`staff:${BASIC_PASSWORD}`).toString('base64')}`];
    const {
      endpoints: [admin],
      verdict,
    } = await endpoints({url: nginx.httpsUrl, authEndpoints: [parseAuthPath('/admin')], authControl: control});
    expect(admin!.attempts.map((a) => [a.variant, a.response?.status])).toEqual([
      ['no-credentials', 401],
      ['invalid-bearer', 401],
      ['malformed-token', 401],
      ['alg-none-jwt', 401],
      ['positive-control', 200],
    ]);
    const outcome = verdict('/admin');
    expect(outcome).toMatchObject({status: 'pass', findings: [{messageId: 'refused'}]});
    expect(JSON.stringify(outcome)).not.toContain(BASIC_PASSWORD);
    expect(JSON.stringify(outcome)).not.toContain(control[1]);
  });
});

describe('auth-required against Express routes', () => {
  let result: Awaited<ReturnType<typeof endpoints>>;
  const paths = ['/api/me', '/api/broken', '/admin-open', '/account', '/admin', '/ghost', 'POST /api/users'];
  beforeAll(async () => {
    result = await endpoints({url: `${app.url}/`, authEndpoints: paths.map(parseAuthPath)});
  });

  it('a route that verifies HS256 JWTs refuses every variant, alg none included: pass', () => {
    expect(result.endpoints[0]!.attempts.map((a) => a.response?.status)).toEqual([401, 401, 401, 401]);
    expect(result.verdict('/api/me')).toMatchObject({status: 'pass', findings: [{messageId: 'refused'}]});
  });

  it('a route that decodes without verifying accepts the unsigned JWT alone: fail', () => {
    expect(result.endpoints[1]!.attempts.map((a) => [a.variant, a.response?.status])).toEqual([
      ['no-credentials', 401],
      ['invalid-bearer', 401],
      ['malformed-token', 401],
      ['alg-none-jwt', 200],
    ]);
    expect(result.verdict('/api/broken')).toMatchObject({
      status: 'fail',
      findings: [{messageId: 'alg-none-accepted', data: {variant: 'alg-none-jwt', status: 200, excerpt: '{"sub":"admin","role":"admin"}'}}],
    });
  });

  it('an unprotected admin page: fail with evidence', () => {
    const outcome = result.verdict('/admin-open');
    expect(outcome.status).toBe('fail');
    expect(outcome.findings).toHaveLength(4);
    // Open to everyone: the unsigned JWT is served like the rest, not reported as a forged token.
    expect(ids(outcome)).toEqual(Array(4).fill('served'));
    expect(outcome.findings[0]).toMatchObject({
      messageId: 'served',
      page: '/admin-open',
      data: {method: 'GET', variant: 'no-credentials', status: 200},
    });
    expect(outcome.findings[0]!.data!.excerpt).toContain('<h1>Admin</h1>');
  });

  it('a redirect to /login is a refusal, and the redirect is not followed: pass', () => {
    expect(result.endpoints[3]!.attempts.every((a) => a.response?.status === 302)).toBe(true);
    expect(result.verdict('/account').status).toBe('pass');
    expect(to(app, '/login')).toHaveLength(0);
  });

  it('a login page served with 200 and no positive control: warn', () => {
    expect(result.verdict('/admin')).toMatchObject({
      status: 'warn',
      findings: expect.arrayContaining([expect.objectContaining({messageId: 'login-page'})]),
    });
  });

  it('a route that does not exist: inconclusive', () => {
    expect(result.verdict('/ghost')).toMatchObject({
      status: 'error',
      findings: expect.arrayContaining([expect.objectContaining({messageId: 'not-found'})]),
    });
  });

  it('a POST endpoint named by the user gets its method with an empty body, and refuses: pass', () => {
    const posts = app.requests.filter((r) => r.url === '/api/users');
    expect(posts.map((r) => [r.method, r.headers['content-length']])).toEqual(Array(4).fill(['POST', '0']));
    expect(result.verdict('/api/users').status).toBe('pass');
  });

  it("sends the user's --header credential on no anonymous attempt", () => {
    for (const r of app.requests) expect(r.headers['x-api-key']).toBeUndefined();
  });
});

describe('auth-required with a positive control', () => {
  let result: Awaited<ReturnType<typeof endpoints>>;
  let token: string;
  beforeAll(async () => {
    token = VALID_TOKEN();
    result = await endpoints({
      url: `${app.url}/`,
      authEndpoints: ['/api/me', '/admin', '/hidden'].map(parseAuthPath),
      authControl: ['Authorization', `Bearer ${token}`],
    });
  });

  it('the credentials open a JWT route that refuses everything else: pass', () => {
    expect(result.endpoints[0]!.attempts.at(-1)).toMatchObject({variant: 'positive-control', response: {status: 200}});
    expect(result.verdict('/api/me').status).toBe('pass');
  });

  it('a login form for anonymous and the admin page for the control: a refusal, pass', () => {
    expect(result.verdict('/admin')).toMatchObject({
      status: 'pass',
      findings: expect.arrayContaining([expect.objectContaining({messageId: 'login-page-refusal'})]),
    });
  });

  it('a 404 for anonymous and content for the control: a refusal by hiding, pass', () => {
    expect(result.verdict('/hidden')).toMatchObject({
      status: 'pass',
      findings: expect.arrayContaining([expect.objectContaining({messageId: 'hidden'})]),
    });
  });

  it('sends the control credential once per endpoint, on the positive-control request only', () => {
    const carrying = app.requests.filter((r) => r.headers.authorization === `Bearer ${token}`);
    expect(carrying.map((r) => r.url).sort()).toEqual(['/admin', '/api/me', '/hidden']);
  });
});

describe('auth-required over plain HTTP', () => {
  it('does not send the positive control, and says so', async () => {
    const secret = `Basic ${randomBytes(12).toString('base64')}`;
    const {
      endpoints: [admin],
      verdict,
    } = await endpoints({url: `${plain.url}/`, authEndpoints: [parseAuthPath('/admin')], authControl: ['Authorization', secret]});
    expect(plain.requests).toHaveLength(4);
    for (const r of plain.requests) expect(r.headers.authorization).not.toBe(secret);
    expect(admin!.attempts.at(-1)).toMatchObject({variant: 'positive-control', error: {code: 'not-applicable'}});
    expect(verdict('/admin')).toMatchObject({status: 'pass', findings: [{messageId: 'control-not-sent'}, {messageId: 'refused'}]});
  });
});

describe('plans and applicability', () => {
  it('plans one line per burst and per attempt, without any credential value', () => {
    const control: [string, string] = ['Authorization', 'Bearer plan-secret-value'];
    const target = makeTarget({
      url: 'https://app.example.com/',
      headers: {'x-api-key': USER_SECRET},
      rateLimitPaths: ['/api/login'],
      burst: 50,
      authEndpoints: [parseAuthPath('POST /api/users')],
      authControl: control,
    });
    expect(rateLimitProbe.plan(target)).toEqual([
      `50 × GET https://app.example.com/api/login (no credentials; ${BURST_CONCURRENCY} at a time after the first; stops at the first 429, 5xx, challenge or lost request)`,
    ]);
    // makeTarget refuses more than 500; a Target built by hand is still held to it by the probe.
    expect(rateLimitProbe.plan({...target, burst: 10_000})[0]).toMatch(/^500 × GET /);
    const lines = authProbe.plan(target);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('POST https://app.example.com/api/users with no credentials (redirects not followed, empty body)');
    expect(lines[4]).toMatch(/your Authorization header from the environment, value not shown/);
    expect(lines.join('\n')).not.toMatch(/plan-secret-value|user-secret/);
  });

  it('plans nothing and gathers not-applicable when no endpoint is named', async () => {
    const target = makeTarget({url: `${app.url}/`});
    expect(rateLimitProbe.plan(target)).toEqual([]);
    expect(authProbe.plan(target)).toEqual([]);
    const before = app.requests.length;
    await expect(rateLimitProbe.gather(target, context(target))).rejects.toMatchObject({
      probeError: {code: 'not-applicable', message: expect.stringMatching(/--rate-limit-path/)},
    });
    await expect(authProbe.gather(target, context(target))).rejects.toBeInstanceOf(ProbeFailure);
    expect(app.requests.length).toBe(before);
  });
});
