/**
 * auth-required against real loopback servers, in-process through runScan (the whole pipeline: plan,
 * gather phases, checks, report): a limiter that answers the auth requests 429 with Retry-After, a
 * limiter shared by every path that other probes would spend first, and routes that decode JWTs
 * without verifying them, one behind a refusal and one open to everyone.
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {afterAll, afterEach, beforeAll, describe, expect, it} from '@jest/globals';
import jwt from 'jsonwebtoken';
import type {CheckResult} from '../../src/core/report.js';
import {scanRequest, type ScanFlags} from '../../src/cli/request.js';
import {runScan} from '../../src/engine/run.js';
import {tracker} from '../helpers/process.js';
import {startHttpServer, type TestServer} from '../helpers/servers.js';

const RETRY_AFTER = '120';

/** A fixed window that never resets during a test: `budget` answers, then 429 with Retry-After. */
function limiter(budget: number, handler: (req: IncomingMessage, res: ServerResponse) => void) {
  let used = 0;
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (++used > budget) return void res.writeHead(429, {'retry-after': RETRY_AFTER, 'content-type': 'text/plain'}).end('Too Many Requests');
    handler(req, res);
  };
}

const refuse = (_req: IncomingMessage, res: ServerResponse): void => void res.writeHead(401, {'www-authenticate': 'Bearer'}).end();

function bearerClaims(req: IncomingMessage): {sub?: unknown} | undefined {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  // The classic mistake: decode() reads the claims without checking the signature, so alg "none" passes.
  const claims = token === undefined ? null : jwt.decode(token);
  return claims && typeof claims === 'object' ? claims : undefined;
}

let strict: TestServer;
let shared: TestServer;
let decoding: TestServer;
let config: string;
const {track, closeAll} = tracker();

beforeAll(async () => {
  [strict, shared, decoding] = await Promise.all([
    // Two answers, then the limiter: the third and fourth anonymous requests meet a 429.
    track(startHttpServer(limiter(2, refuse))),
    // One limiter for every path, four answers: enough for the auth requests only if they go first.
    track(
      startHttpServer(
        limiter(4, (req, res) =>
          req.url === '/admin' ? refuse(req, res) : void res.writeHead(200, {'content-type': 'text/html'}).end('<title>home</title>'),
        ),
      ),
    ),
    track(
      startHttpServer((req, res) => {
        const claims = bearerClaims(req);
        if (req.url === '/api/me' && !claims?.sub) return refuse(req, res);
        res.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({sub: claims?.sub ?? 'anonymous', plan: 'pro'}));
      }),
    ),
  ]);
  config = join(mkdtempSync(join(tmpdir(), 'shipcheck-auth-')), 'empty.yml');
  writeFileSync(config, 'preset: recommended\n');
});

afterAll(closeAll);

afterEach(() => {
  process.exitCode = undefined;
});

async function results(server: TestServer, extra: Partial<ScanFlags>): Promise<readonly CheckResult[]> {
  const flags: ScanFlags = {config, json: true, color: false, ...extra};
  const run = await runScan(scanRequest([`${server.url}/`], flags, {version: '0.0.0-test', stdoutIsTTY: false}));
  return run.report.targets[0]!.results;
}

const auth = (list: readonly CheckResult[]): CheckResult => list.find((r) => r.id === 'auth-required')!;

describe('auth-required meets a rate limiter', () => {
  let result: CheckResult;
  beforeAll(async () => {
    result = auth(await results(strict, {only: 'auth', 'auth-path': ['/admin']}));
  });

  it('is inconclusive, and says the endpoint was rate-limited with the Retry-After it sent', () => {
    expect(strict.requests.map((r) => r.url)).toEqual(Array(4).fill('/admin'));
    expect(result.status).toBe('error');
    const limited = result.findings.filter((f) => f.messageId === 'rate-limited');
    expect(limited).toHaveLength(2);
    for (const f of limited) {
      expect(f).toMatchObject({kind: 'error', page: '/admin', evidence: {status: 429, retryAfter: `Retry-After: ${RETRY_AFTER}`}});
      expect(f.message).toContain(`Re-run after ${RETRY_AFTER} s`);
    }
  });

  it('never suggests the refusal list', () => {
    for (const f of result.findings) expect(f.message).not.toMatch(/refusal list/i);
  });
});

describe('auth-required runs before the probes that share its limiter', () => {
  it('gets the first answers, so a limit spent by other probes cannot turn its verdict', async () => {
    const list = await results(shared, {only: 'auth,cors,headers', 'auth-path': ['/admin']});
    expect(shared.requests.slice(0, 4).map((r) => r.url)).toEqual(Array(4).fill('/admin'));
    expect(shared.requests.length).toBeGreaterThan(4);
    expect(auth(list)).toMatchObject({status: 'pass', findings: [{messageId: 'refused'}]});
    // The pages and CORS probes met the spent limit: inconclusive, not judged on the 429's headers.
    expect(list.find((r) => r.id === 'cors')!.status).toBe('error');
  });
});

describe('an unsigned JWT accepted', () => {
  let list: readonly CheckResult[];
  beforeAll(async () => {
    list = await results(decoding, {only: 'auth', 'auth-path': ['/api/me', '/api/open']});
  });
  const on = (page: string) =>
    auth(list)
      .findings.filter((f) => f.page === page)
      .map((f) => [f.messageId, f.evidence.variant]);

  it('is named so where the request without credentials was refused', () => {
    expect(auth(list).status).toBe('fail');
    expect(on('/api/me')).toEqual([['alg-none-accepted', 'alg-none-jwt']]);
  });

  it('is only content served where the endpoint is open to everyone', () => {
    expect(on('/api/open')).toEqual([
      ['served', 'no-credentials'],
      ['served', 'invalid-bearer'],
      ['served', 'malformed-token'],
      ['served', 'alg-none-jwt'],
    ]);
  });
});
