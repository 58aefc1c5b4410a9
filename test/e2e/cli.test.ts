/**
 * The built CLI (`bin/run.js` on `dist/`), run as a user runs it, against real nginx on loopback:
 * JSON verdicts, ids and exit codes. A broken asset path or manifest cannot hide behind unit tests.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer, type AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import type {Report} from '../../src/core/report.js';
import {makeLeaf, testCerts, type TestCerts} from '../helpers/certs.js';
import {cli, type Run} from '../helpers/cli.js';
import {HARDENED_SERVER, hardenedFiles, startNginx, type Nginx} from '../helpers/nginx.js';
import {tracker} from '../helpers/process.js';
import {closedPort} from '../helpers/servers.js';

function statuses(report: Report): Record<string, string> {
  return Object.fromEntries(report.targets[0]!.results.map((r) => [r.id, r.status]));
}

let certs: TestCerts;
let hardened: Nginx;
let stock: Nginx;
const {track, closeAll} = tracker();

beforeAll(async () => {
  certs = await testCerts();
  // 90 days: inside Mozilla's 366-day lifetime and outside the 30-day expiry warning.
  const leaf = await makeLeaf({name: 'e2e-nginx', days: 90});
  const tls = {certFile: leaf.certFile, keyFile: leaf.keyFile};
  [hardened, stock] = await Promise.all([
    track(startNginx({tls, server: HARDENED_SERVER, http: 'redirect', files: hardenedFiles()})),
    track(startNginx({tls, http: 'serve'})),
  ]);
}, 30_000);

afterAll(closeAll);

describe('shipcheck scan against nginx', () => {
  it('passes every check on a hardened nginx and exits 0 (the ones that need named endpoints are skipped)', async () => {
    const run = await cli(['scan', hardened.httpsUrl, '--http-url', hardened.httpUrl, '--ca-file', certs.caFile, '--json']);
    const report = JSON.parse(run.stdout) as Report;
    const failing = report.targets[0]!.results.filter(
      (r) => r.status !== 'pass' && !(r.status === 'skipped' && ['rate-limit', 'auth-required', 'auth-openapi'].includes(r.id)),
    );
    expect(failing.map((r) => ({id: r.id, status: r.status, findings: r.findings.map((f) => f.messageId)}))).toEqual([]);
    expect(report.targets[0]!.tlsGrade?.grade).toBe('A+');
    expect(report.passed).toBe(true);
    expect(run.code).toBe(0);
  });

  it('fails the right checks with the right ids on a default nginx and exits 1', async () => {
    const run = await cli(['scan', stock.httpsUrl, '--http-url', stock.httpUrl, '--ca-file', certs.caFile, '--json']);
    const report = JSON.parse(run.stdout) as Report;
    expect(statuses(report)).toEqual({
      csp: 'fail',
      'x-content-type-options': 'fail',
      'frame-options': 'fail',
      'referrer-policy': 'warn',
      'permissions-policy': 'warn',
      'cross-origin-policies': 'warn',
      'deprecated-headers': 'pass',
      hsts: 'fail',
      'https-redirect': 'fail',
      'cookie-flags': 'pass',
      cors: 'pass',
      // Debian's nginx 1.22 offers only TLS 1.2 here (OpenSSL 3 refuses 1.0/1.1; 1.3 is not in its default list),
      // with static-RSA and CBC suites among its defaults, beside forward-secret AEAD ones: a warning by default.
      'tls-protocols': 'warn',
      'tls-ciphers': 'warn',
      'forward-secrecy': 'warn',
      'dh-params': 'pass',
      'certificate-trust': 'pass',
      'certificate-host': 'pass',
      'certificate-expiry': 'pass',
      'certificate-key': 'pass',
      'ocsp-stapling': 'pass',
      // Server: nginx/1.22.1 names a version: a warning (ZAP rates it Low).
      'version-disclosure': 'warn',
      'error-disclosure': 'warn',
      'rate-limit': 'skipped',
      'auth-required': 'skipped',
      'auth-openapi': 'skipped',
      'exposed-files': 'pass',
      'directory-listing': 'pass',
      'http-methods': 'pass',
      'security-txt': 'warn',
    });
    const ids = (id: string): string[] => report.targets[0]!.results.find((r) => r.id === id)!.findings.map((f) => f.messageId);
    expect(ids('hsts')).toContain('missing');
    expect(ids('https-redirect')).toContain('no-redirect');
    expect(ids('x-content-type-options')).toEqual(['missing']);
    expect(ids('error-disclosure')).toContain('version-banner');
    expect(report.passed).toBe(false);
    expect(run.code).toBe(1);
  });

  it('follows the JSON report contract', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shipcheck-out-')), 'report.json');
    const run = await cli(['scan', stock.httpsUrl, '--http-url', stock.httpUrl, '--ca-file', certs.caFile, '--output', out, '--no-color']);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report).toMatchObject({schemaVersion: 1, tool: {name: 'shipcheck'}, passed: false});
    expect(typeof report.startedAt).toBe('string');
    expect(typeof report.durationMs).toBe('number');
    for (const r of report.targets[0]!.results) {
      expect(Object.keys(r).sort()).toEqual(
        ['cwe', 'description', 'family', 'findings', 'fixes', 'id', 'level', 'owasp', 'remediation', 'severity', 'status', 'title'].sort(),
      );
      for (const f of r.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['messageId', 'message', 'evidence']));
    }
    expect(report.summary.total).toBe(report.targets[0]!.results.length);
    // The console summary went to stdout, the progress view to stderr.
    expect(run.stdout).toMatch(/FAILED/);
    expect(run.stdout).not.toMatch(/Fetch the pages/);
    expect(run.code).toBe(1);
  });

  it('writes several formats into --output-dir and keeps the summary on stdout', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'shipcheck-formats-')), 'out');
    const run = await cli([
      'scan',
      stock.httpsUrl,
      '--http-url',
      stock.httpUrl,
      '--ca-file',
      certs.caFile,
      '--only',
      'headers',
      '--format',
      'sarif',
      '--format',
      'junit',
      '--format',
      'markdown',
      '--format',
      'html',
      '--output-dir',
      dir,
      '--sarif-location',
      '.github/workflows/deploy.yml:12',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAILED/);
    const sarif = JSON.parse(readFileSync(join(dir, 'shipcheck.sarif'), 'utf8')) as {
      runs: {results: {locations: {physicalLocation: {artifactLocation: {uri: string}}}[]}[]}[];
    };
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('.github/workflows/deploy.yml');
    expect(readFileSync(join(dir, 'shipcheck.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect(readFileSync(join(dir, 'shipcheck.md'), 'utf8')).toMatch(/^<!-- shipcheck:/);
    expect(readFileSync(join(dir, 'shipcheck.html'), 'utf8')).toMatch(/<html/i);
  });

  it('anchors SARIF results at the config line that names the target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-anchor-'));
    writeFileSync(
      join(dir, 'shipcheck.yml'),
      `caFile: ${certs.caFile}\nonly: [headers]\ntargets:\n  - url: ${stock.httpsUrl}\n    httpUrl: ${stock.httpUrl}\n`,
    );
    const run = await cli(['scan', '--format', 'sarif'], {}, dir);
    const sarif = JSON.parse(run.stdout) as {
      runs: {results: {locations: {physicalLocation: {artifactLocation: {uri: string}; region: {startLine: number}}}[]}[]}[];
    };
    const where = new Set(sarif.runs[0]!.results.map((r) => JSON.stringify(r.locations[0]!.physicalLocation)));
    expect([...where].map((w) => JSON.parse(w) as unknown)).toEqual([{artifactLocation: {uri: 'shipcheck.yml'}, region: {startLine: 4}}]);
    expect(run.code).toBe(1);
  });

  it('refuses several formats on stdout before sending anything, exit 2', async () => {
    const run = await cli(['scan', stock.httpsUrl, '--format', 'sarif', '--format', 'html']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/need --output-dir/);
  });

  it('never prints the credential it was given', async () => {
    const secret = 'sk_live_5f1e2d3c4b5a6978';
    const run = await cli([
      'scan',
      stock.httpsUrl,
      '--http-url',
      stock.httpUrl,
      '--ca-file',
      certs.caFile,
      '--header',
      `Authorization: Bearer ${secret}`,
      '--json',
    ]);
    expect(run.stdout + run.stderr).not.toContain(secret);
    expect(run.code).toBe(1);
  });

  it('judges the --path pages too and names them in findings', async () => {
    const run = await cli([
      'scan',
      stock.httpsUrl,
      '--http-url',
      stock.httpUrl,
      '--ca-file',
      certs.caFile,
      '--path',
      '/index.html',
      '--only',
      'headers',
      '--json',
    ]);
    const report = JSON.parse(run.stdout) as Report;
    const pages = report.targets[0]!.results.find((r) => r.id === 'x-content-type-options')!.findings.map((f) => f.page);
    expect(pages).toEqual(['/', '/index.html']);
  });

  it('judges the headers over an unverified connection when the certificate is not trusted, and says why once', async () => {
    // No CA at all (not even NODE_EXTRA_CA_CERTS from the machine): the hint to pass one is given.
    const run = await cli(['scan', hardened.httpsUrl, '--http-url', hardened.httpUrl, '--json', '--only', 'headers,tls'], {
      NODE_EXTRA_CA_CERTS: undefined,
    });
    const report = JSON.parse(run.stdout) as Report;
    const target = report.targets[0]!;
    expect(target.certificateRejected).toMatch(/^unknown issuer .*--ca-file$/);
    const headers = target.results.filter((r) => r.family === 'headers');
    expect(new Set(headers.map((r) => r.status))).toEqual(new Set(['pass']));
    for (const r of headers) expect(r.findings.map((f) => f.messageId)).toContain('certificate-rejected');
    expect(target.results.find((r) => r.id === 'certificate-trust')?.status).toBe('fail');
    expect(run.code).toBe(1);
  });
});

describe('waivers and baselines', () => {
  const scanStock = (...more: string[]): Promise<Run> =>
    cli(['scan', stock.httpsUrl, '--http-url', stock.httpUrl, '--ca-file', certs.caFile, '--json', ...more]);

  it('a live waiver stops a failure from gating; an expired one fails the run and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-waiver-'));
    const live = join(dir, 'live.yml');
    const gating = ['csp', 'x-content-type-options', 'frame-options', 'hsts', 'https-redirect'];
    writeFileSync(
      live,
      `waivers:
${gating.map((c) => `  - {check: ${c}, reason: legacy stack, expires: "2999-12-31"}`).join('\n')}
`,
    );
    const passing = JSON.parse((await scanStock('--config', live)).stdout) as Report;
    expect(
      passing.targets[0]!.results.filter((r) => r.waiver)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...gating].sort());
    expect(passing.passed).toBe(true);

    const expired = join(dir, 'expired.yml');
    writeFileSync(expired, 'waivers:\n  - {check: version-disclosure, reason: vendor banner, expires: "2020-01-31"}\n');
    const run = await scanStock('--config', expired, '--only', 'disclosure');
    const report = JSON.parse(run.stdout) as Report;
    expect(report.expiredWaivers).toEqual([expect.objectContaining({check: 'version-disclosure', expires: '2020-01-31', expired: true})]);
    expect(report.passed).toBe(false);
    expect(run.code).toBe(1);
  });

  it('--baseline gates only on failures that are new since the saved report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-baseline-'));
    const saved = join(dir, 'before.json');
    writeFileSync(saved, (await scanStock('--only', 'headers')).stdout);
    const same = await scanStock('--only', 'headers', '--baseline', saved);
    const report = JSON.parse(same.stdout) as Report;
    expect(report.baseline).toMatchObject({new: [], resolved: []});
    expect(report.passed).toBe(true);
    expect(same.code).toBe(0);

    // A page the baseline never saw brings new failing findings: those gate.
    const wider = await scanStock('--only', 'headers', '--baseline', saved, '--path', '/index.html');
    const widened = JSON.parse(wider.stdout) as Report;
    expect(widened.baseline!.new.map((f) => f.page)).toContain('/index.html');
    expect(wider.code).toBe(1);
  });
});

describe('init and checks', () => {
  it('init writes a starter config that scan accepts, and will not overwrite it without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-init-'));
    const file = join(dir, 'shipcheck.yml');
    expect((await cli(['init', '--output', file])).code).toBe(0);
    const plan = await cli(['scan', 'https://127.0.0.1:9/', '--config', file, '--dry-run']);
    expect(plan.code).toBe(0);
    const again = await cli(['init', '--output', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists already/);
    expect((await cli(['init', '--output', file, '--force'])).code).toBe(0);
  });

  it('checks --json lists every registered check with its family and severity', async () => {
    const run = await cli(['checks', '--json']);
    const rows = JSON.parse(run.stdout) as {id: string; family: string; severity: string}[];
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(['csp', 'hsts', 'tls-ciphers', 'rate-limit', 'exposed-files']));
    expect(rows).toHaveLength(29);
  });
});

describe('--dry-run', () => {
  it('prints every planned request, with no credential, and opens no connection', async () => {
    let connections = 0;
    const server = createServer(() => undefined).on('connection', (socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const {port} = server.address() as AddressInfo;
    try {
      const secret = 'Bearer dry-run-secret-value';
      const run = await cli([
        'scan',
        `https://127.0.0.1:${port}/`,
        '--dry-run',
        '--header',
        `Authorization: ${secret}`,
        '--rate-limit-path',
        '/api/login',
        '--burst',
        '12',
        '--auth-path',
        'POST /admin',
        '--api-path',
        '/api/orders',
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`GET https://127.0.0.1:${port}/`);
      expect(run.stdout).toMatch(/12 × GET https:\/\/127\.0\.0\.1:\d+\/api\/login/);
      expect(run.stdout).toMatch(/POST https:\/\/127\.0\.0\.1:\d+\/admin/);
      expect(run.stdout).toMatch(/TLS/);
      expect(run.stdout + run.stderr).not.toContain('dry-run-secret-value');
      expect(connections).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe('bad input and unreachable targets', () => {
  it.each([
    ['a URL that is not one', ['scan', 'not-a-url']],
    ['an unknown flag', ['scan', 'https://127.0.0.1/', '--bogus']],
    ['an unknown family', ['scan', 'https://127.0.0.1/', '--only', 'nope']],
    ['a missing config file', ['scan', 'https://127.0.0.1/', '--config', '/nonexistent/shipcheck.yml']],
    ['credentials in the URL', ['scan', 'https://user:pw@127.0.0.1/']],
    ['a malformed header', ['scan', 'https://127.0.0.1/', '--header', 'no colon here']],
  ])('%s: one line on stderr, exit 2', async (_name, args) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^shipcheck: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain('pw@');
  });

  it('a broken config names its file and line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-cfg-'));
    const file = join(dir, 'shipcheck.yml');
    writeFileSync(file, 'checks:\n  hsts: sometimes\n');
    const run = await cli(['scan', 'https://127.0.0.1/', '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/shipcheck\.yml:2:\d+: checks\.hsts/);
  });

  it('an unknown check id in the config is refused with a suggestion, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-cfg-'));
    const file = join(dir, 'shipcheck.yml');
    writeFileSync(file, 'checks:\n  hstss: error\n');
    const run = await cli(['scan', 'https://127.0.0.1/', '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/did you mean "hsts"/);
  });

  it('an unreachable target exits 3 with the reason and still prints the report', async () => {
    const port = await closedPort();
    const run = await cli(['scan', `https://127.0.0.1:${port}/`, '--http-url', `http://127.0.0.1:${port}/`, '--json']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/cannot reach .*connection refused/);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.targets[0]!.unreachable?.code).toBe('connection-refused');
    expect(report.passed).toBe(false);
  });

  it('checks info names an unknown id with exit 2', async () => {
    const run = await cli(['checks', 'info', 'hstss']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/did you mean "hsts"/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('checks --family (now --only) refuses an unknown family in one line with exit 2, like every command', async () => {
    const run = await cli(['checks', '--family', 'header']);
    expect([run.code, run.stderr.trim()]).toEqual([
      2,
      expect.stringMatching(/^shipcheck: --only: unknown check selector "header"; did you mean "headers"\?/),
    ]);
    expect((await cli(['checks', '--family', 'tls,hsts', '--json'])).code).toBe(0);
  });
});

describe('shipcheck demo', () => {
  it('scans the built-in demo target: a mix of passes and failures, exit 1', async () => {
    const run = await cli(['demo', '--json']);
    const report = JSON.parse(run.stdout) as Report;
    const seen = new Set(report.targets[0]!.results.map((r) => r.status));
    expect(seen).toEqual(new Set(['pass', 'fail', 'warn']));
    expect(run.code).toBe(1);
  });

  it('prints a console report that fits one screen at 100 columns: at most 60 rows, none wider', async () => {
    const run = await cli(['demo'], {COLUMNS: '100'});
    const rows = run.stdout.replace(/\n$/, '').split('\n');
    expect(rows.length).toBeLessThanOrEqual(60);
    expect(Math.max(...rows.map((row) => Array.from(new Intl.Segmenter().segment(row)).length))).toBeLessThanOrEqual(100);
    // Every failure is there with its fix, and listed again at the end.
    const failures = rows.filter((row) => row.startsWith('✖ fail'));
    expect(failures.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.startsWith('    fix: '))).toHaveLength(failures.length / 2);
    // The demo's main page says X-Powered-By: Express: each failure's one fix is Express's (or Node's, which it runs on).
    const fixes = rows.filter((row) => row.startsWith('    fix: '));
    expect(fixes.filter((row) => /^ {4}fix: (Express|Node): /.test(row))).toEqual(fixes);
    expect(run.code).toBe(1);
  });

  it("shows every stack's fix with --fixes all", async () => {
    const run = await cli(['demo', '--fixes', 'all'], {COLUMNS: '100'});
    expect(run.stdout.split('\n').filter((row) => /^ {9}(nginx|Apache|Express): /.test(row)).length).toBeGreaterThan(10);
    expect(run.code).toBe(1);
  });
});
