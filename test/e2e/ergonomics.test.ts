/**
 * The CLI as a person and a script meet it (issue 11), on the built CLI against a plain loopback
 * server: quiet stderr for machine formats, colour switches, `--output` in the format chosen,
 * `--fail-on`, selectors for `--only`/`--skip`, bare hosts, did-you-mean, every config problem at
 * once, `-v`, Ctrl-C during `demo`, and the `checks` commands with CWE and OWASP ids.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import type {Report} from '../../src/core/report.js';
import {cli, ROOT} from '../helpers/cli.js';
import {closedPort} from '../helpers/servers.js';

/** A page with one security header: x-content-type-options passes, csp fails (it gates) and referrer-policy warns (it does not). */
let server: http.Server;
let url: string;
let port: number;

beforeAll(async () => {
  server = http.createServer((_, res) => res.setHeader('x-content-type-options', 'nosniff').end('<html><body>hi</body></html>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const ids = (report: Report): string[] => report.targets[0]!.results.map((r) => r.id);
const lines = (text: string): string[] => text.trimEnd().split('\n');
const ESC = '\u001b[';

describe('stderr stays quiet for a machine format', () => {
  it.each([
    ['--json', ['--json']],
    ['--format sarif', ['--format', 'sarif']],
    ['--format junit', ['--format', 'junit']],
  ])('%s: nothing on stderr when it is not a terminal, the report on stdout', async (_name, flags) => {
    const run = await cli(['scan', url, '--only', 'headers', ...flags]);
    expect(run.stderr).toBe('');
    expect(run.stdout.length).toBeGreaterThan(100);
    expect(run.code).toBe(1);
  });

  it('the console format still shows progress on stderr', async () => {
    const run = await cli(['scan', url, '--only', 'headers']);
    expect(run.stderr).toContain(url);
  });

  it('demo --format sarif says nothing on stderr either, not even where the demo site is', async () => {
    const run = await cli(['demo', '--only', 'headers', '--format', 'sarif']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({version: '2.1.0'});
  });
});

describe('colour', () => {
  it.each<[string, Record<string, string | undefined>, string[], boolean]>([
    ['FORCE_COLOR=1 colours a pipe', {FORCE_COLOR: '1', NO_COLOR: undefined}, [], true],
    ['FORCE_COLOR=3 too', {FORCE_COLOR: '3', NO_COLOR: undefined}, [], true],
    ['FORCE_COLOR=1 wins over NO_COLOR', {FORCE_COLOR: '1', NO_COLOR: '1'}, [], true],
    ['FORCE_COLOR=0 does not', {FORCE_COLOR: '0', NO_COLOR: undefined}, [], false],
    ['NO_COLOR does not', {FORCE_COLOR: undefined, NO_COLOR: '1'}, [], false],
    ['--no-color wins over FORCE_COLOR', {FORCE_COLOR: '1', NO_COLOR: undefined}, ['--no-color'], false],
  ])('%s', async (_name, env, flags, coloured) => {
    const run = await cli(['scan', url, '--only', 'headers', ...flags], env);
    expect(run.stdout.includes(ESC)).toBe(coloured);
    expect(run.code).toBe(1);
  });
});

describe('--output', () => {
  it('writes the --format chosen, and stdout keeps the console summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-o-'));
    const file = join(dir, 'r.html');
    const run = await cli(['scan', url, '--only', 'headers', '--format', 'html', '-o', file]);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!doctype html>/i);
    expect(run.stdout).not.toMatch(/<html/i);
    expect(run.stdout).toContain('csp');
    expect(run.code).toBe(1);
  });

  it('writes SARIF to the file while --json prints the JSON report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-o-'));
    const file = join(dir, 'r.sarif');
    const run = await cli(['scan', url, '--only', 'csp', '--format', 'sarif', '--output', file, '--json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({version: '2.1.0'});
    expect(ids(JSON.parse(run.stdout) as Report)).toEqual(['csp']);
  });

  it('writes JSON when no format is chosen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-o-'));
    const file = join(dir, 'r.json');
    await cli(['scan', url, '--only', 'csp', '-o', file]);
    expect(ids(JSON.parse(readFileSync(file, 'utf8')) as Report)).toEqual(['csp']);
  });

  it('refuses two formats for one file, in one line with exit 2', async () => {
    const run = await cli(['scan', url, '--format', 'html', '--format', 'sarif', '-o', 'x']);
    expect([run.code, lines(run.stderr)]).toEqual([2, [expect.stringMatching(/^shipcheck: --output writes one format/)]]);
  });
});

describe('--fail-on', () => {
  it.each<[string, string[], number]>([
    ['error (the default): a warning passes', ['--only', 'x-content-type-options,referrer-policy'], 0],
    ['warn: a warning fails', ['--only', 'x-content-type-options,referrer-policy', '--fail-on', 'warn'], 1],
    ['error: a gating failure fails', ['--only', 'csp', '--fail-on', 'error'], 1],
    ['never: a gating failure passes', ['--only', 'csp', '--fail-on', 'never'], 0],
  ])('%s', async (_name, flags, code) => {
    expect((await cli(['scan', url, '--json', ...flags])).code).toBe(code);
  });

  it('is one of error, warn, never', async () => {
    const run = await cli(['scan', url, '--fail-on', 'sometimes']);
    expect([run.code, lines(run.stderr)]).toEqual([2, [expect.stringMatching(/^shipcheck: --fail-on must be one of error, warn, never/)]]);
  });

  it('takes effect on demo too', async () => {
    expect((await cli(['demo', '--only', 'headers', '--json', '--fail-on', 'never'])).code).toBe(0);
  });
});

describe('--only and --skip select by family, check id, OWASP category and CWE', () => {
  it.each<[string, string[], string[]]>([
    ['a check id', ['--only', 'csp,frame-options'], ['csp', 'frame-options']],
    ['an OWASP category', ['--only', 'owasp:A03'], ['csp']],
    ['a CWE', ['--only', 'cwe:1021'], ['frame-options']],
    [
      'a family less a check id',
      ['--only', 'headers', '--skip', 'csp,owasp:A01,cwe:1021'],
      ['x-content-type-options', 'permissions-policy', 'cross-origin-policies', 'deprecated-headers'],
    ],
  ])('%s', async (_name, flags, expected) => {
    const run = await cli(['scan', url, '--json', ...flags]);
    expect(ids(JSON.parse(run.stdout) as Report)).toEqual(expected);
  });

  it('names an unknown selector with the closest one, in one line with exit 2', async () => {
    const run = await cli(['scan', url, '--only', 'headres']);
    expect([run.code, lines(run.stderr)]).toEqual([
      2,
      [expect.stringMatching(/^shipcheck: --only: unknown check selector "headres"; did you mean "headers"\?/)],
    ]);
  });

  it('reads them from the config too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-sel-'));
    writeFileSync(join(dir, 'shipcheck.yml'), `targets: ['${url}']\nonly: [owasp:a03]\n`);
    const run = await cli(['scan', '--json'], {}, dir);
    expect(ids(JSON.parse(run.stdout) as Report)).toEqual(['csp']);
  });
});

describe('targets', () => {
  it('a bare host:port means https:// of it', async () => {
    const closed = await closedPort();
    const run = await cli(['scan', `127.0.0.1:${closed}`, '--only', 'headers', '--json']);
    expect((JSON.parse(run.stdout) as Report).targets[0]!.url).toBe(`https://127.0.0.1:${closed}/`);
    expect(run.code).toBe(3);
  });

  it('another scheme is refused in one line with exit 2', async () => {
    const run = await cli(['scan', 'ftp://127.0.0.1/']);
    expect([run.code, lines(run.stderr)]).toEqual([2, [expect.stringMatching(/^shipcheck: target URL "ftp:" URLs cannot be scanned/)]]);
  });
});

describe('did you mean', () => {
  it.each<[string, string[], RegExp]>([
    ['a command', ['scna', url], /^shipcheck: unknown command "scna"; did you mean "scan"\?/],
    ['a command of a topic', ['chekcs', 'info', 'hsts'], /^shipcheck: unknown command "chekcs info"; did you mean "checks info"\?/],
    ['a flag', ['scan', url, '--jsn'], /^shipcheck: unknown flag "--jsn"; did you mean "--json"\?/],
  ])('names the closest to a mistyped %s, in one line with exit 2', async (_name, argv, line) => {
    const run = await cli(argv);
    expect([run.code, lines(run.stderr), run.stdout]).toEqual([2, [expect.stringMatching(line)], '']);
  });

  it('names a stray word after a command, and the subcommands it has, rather than the command itself', async () => {
    const run = await cli(['checks', 'hsts']);
    expect([run.code, lines(run.stderr)]).toEqual([
      2,
      ['shipcheck: unexpected argument "hsts" to "checks"; its subcommands: checks info (`shipcheck checks --help`)'],
    ]);
  });

  it('suggests nothing for a word close to no command', async () => {
    const run = await cli(['frobnicate']);
    expect([run.code, lines(run.stderr)]).toEqual([2, ['shipcheck: unknown command "frobnicate" (`shipcheck --help` lists them)']]);
  });
});

describe('config problems', () => {
  it('are all named in one run, one line each, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-config-'));
    writeFileSync(join(dir, 'shipcheck.yml'), `targets: ['${url}']\ntimeout: 5\npreset: lax\nchecks:\n  hstss: warn\n`);
    const run = await cli(['scan'], {}, dir);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/^shipcheck: shipcheck\.yml:2:\d+: timeout: /),
      expect.stringMatching(/^shipcheck: shipcheck\.yml:3:\d+: preset: /),
      expect.stringMatching(/^shipcheck: shipcheck\.yml:5:\d+: checks\.hstss: unknown check id "hstss"; did you mean "hsts"\?/),
    ]);
  });
});

it('-v prints the version like --version', async () => {
  const [short, long] = await Promise.all([cli(['-v']), cli(['--version'])]);
  expect(short.stdout).toMatch(/^shipcheck\/\d+\.\d+\.\d+ /);
  expect([short.code, short.stdout]).toEqual([0, long.stdout]);
});

describe('Ctrl-C during demo', () => {
  it('prints one line on stderr and exits 130', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), 'demo'], {
      cwd: mkdtempSync(join(tmpdir(), 'shipcheck-demo-int-')),
      env: {...process.env, NODE_ENV: 'production', OCLIF_SKIP_NEW_VERSION_CHECK: 'true', NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 30_000);
    // The demo says where its site is before the scan starts.
    for (let waited = 0; !stderr.includes('Demo site:'); waited += 10) {
      if (waited > 20_000) throw new Error(`the demo did not start; stderr: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill('SIGINT');
    const code = await closed;
    clearTimeout(watchdog);
    expect(code).toBe(130);
    expect(lines(stderr).filter((line) => line.startsWith('shipcheck:'))).toEqual([expect.stringMatching(/^shipcheck: interrupted by SIGINT: /)]);
  });
});

describe('checks', () => {
  it('prints a table with the default level, CWE and OWASP ids', async () => {
    const run = await cli(['checks', '--only', 'hsts,referrer-policy']);
    expect(lines(run.stdout)).toEqual([
      expect.stringMatching(/^ID\s+FAMILY\s+SEVERITY\s+DEFAULT\s+CWE\s+OWASP 2021$/),
      expect.stringMatching(/^referrer-policy\s+headers\s+low\s+warns\s+200\s+A05 A01$/),
      expect.stringMatching(/^hsts\s+hsts\s+high\s+gates\s+319\s+A02 A05$/),
    ]);
  });

  it('--json carries the same, selected by OWASP category', async () => {
    const rows = JSON.parse((await cli(['checks', '--only', 'owasp:A04', '--json'])).stdout) as {id: string; defaultLevel: string; owasp: string[]}[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.owasp).toContain('A04:2021');
    expect(rows.find((r) => r.id === 'rate-limit')).toMatchObject({defaultLevel: 'error', cwe: [770, 307]});
  });

  it('info renders the Markdown for a terminal: CWE, OWASP and the evidence in words', async () => {
    const run = await cli(['checks', 'info', 'hsts']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/^#/m);
    expect(run.stdout).toContain('CWE-319 (https://cwe.mitre.org/data/definitions/319.html)');
    expect(run.stdout).toContain('A02:2021 Cryptographic Failures');
    expect(run.stdout).toContain('Follow the HTTP→HTTPS redirect (RedirectChain)');
  });

  it('SARIF rules carry the CWE and OWASP tags', async () => {
    const run = await cli(['scan', url, '--only', 'csp', '--format', 'sarif']);
    const rule = (JSON.parse(run.stdout) as {runs: {tool: {driver: {rules: {id: string; properties: {tags: string[]}}[]}}}[]}).runs[0]!.tool.driver
      .rules[0]!;
    expect(rule.id).toBe('csp');
    expect(rule.properties.tags).toEqual(expect.arrayContaining(['external/cwe/cwe-079', 'owasp-a03:2021']));
  });
});
