/**
 * Input the built CLI (`bin/run.js` on `dist/`, so `npm run build` first) must refuse, or carry out
 * with a word, as a user meets it: files that are no regular files, lists past their cap, numbers
 * out of range, a credential in the wrong place. Every refusal is one stderr line and exit 2, at once.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import type {Report} from '../../src/core/report.js';
import {cli, type Run} from '../helpers/cli.js';
import {closedPort, startHttpServer, type TestServer} from '../helpers/servers.js';
import {within} from '../helpers/within.js';

/** A refusal takes one start-up of the CLI; a FIFO that was opened would wait until the helper's kill at 60 s. */
const BOUND_MS = 20_000;
const SECRET = 's3cret-Zq8wX2vR7tY4';

let dir: string;
let fifo: string;
/** A target URL nothing listens on: a refusal that failed would still send nothing off this machine. */
let nowhere: string;
let site: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shipcheck-inputs-'));
  fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  nowhere = `http://127.0.0.1:${await closedPort()}/`;
  site = await startHttpServer((_req, res) => res.end('ok'));
});

afterAll(async () => {
  await site.close();
  rmSync(dir, {recursive: true, force: true});
});

/** Exit 2 with one line on stderr, which `message` matches, and nothing on stdout. */
function expectRefused(run: Run, message: RegExp): void {
  expect({code: run.code, stdout: run.stdout, lines: run.stderr.trimEnd().split('\n').length}).toEqual({code: 2, stdout: '', lines: 1});
  expect(run.stderr.trimEnd()).toMatch(message);
}

describe('file inputs that are no regular files', () => {
  it('refuses a FIFO as --config at once', async () => {
    const run = await within(cli(['scan', nowhere, '--config', fifo]), BOUND_MS);
    expectRefused(run, /^shipcheck: config file .*fifo is a FIFO, not a regular file$/);
  });

  it('refuses /dev/zero as --ca-file at once', async () => {
    const run = await within(cli(['scan', nowhere, '--ca-file', '/dev/zero']), BOUND_MS);
    expectRefused(run, /^shipcheck: --ca-file \/dev\/zero is a character device, not a regular file$/);
  });

  it('refuses a folder as --baseline', async () => {
    const run = await within(cli(['scan', nowhere, '--baseline', dir]), BOUND_MS);
    expectRefused(run, /^shipcheck: report file .* is a folder, not a regular file$/);
  });

  it('refuses a FIFO as the report to render at once', async () => {
    const run = await within(cli(['report', fifo]), BOUND_MS);
    expectRefused(run, /^shipcheck: report file .*fifo is a FIFO, not a regular file$/);
  });

  it('refuses a FIFO as the GitHub event payload at once, before any scan', async () => {
    const env = {GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: 'acme/shop', GITHUB_EVENT_PATH: fifo, GITHUB_API_URL: nowhere};
    const run = await within(cli(['scan', nowhere, '--github'], env), BOUND_MS);
    expectRefused(run, /^shipcheck: the event payload GITHUB_EVENT_PATH .*fifo is a FIFO, not a regular file$/);
  });
});

describe('caps and ranges', () => {
  it('refuses 101 --path values, naming the flag and the limit', async () => {
    const paths = Array.from({length: 101}, (_, i) => ['--path', `/p${i}`]).flat();
    expectRefused(await cli(['scan', nowhere, ...paths, '--dry-run']), /^shipcheck: at most 100 --path values per target, got 101$/);
  });

  it('names the range of an out-of-range number', async () => {
    expectRefused(
      await cli(['scan', nowhere, '--timeout', '5']),
      /^shipcheck: --timeout must be a whole number from 1000 to 600000, got 5 \(see --help\)$/,
    );
  });
});

describe('credentials in the wrong place', () => {
  it('reports a variable named by --auth-credentials-env that holds no header as such, without its value', async () => {
    const run = await cli(['scan', nowhere, '--auth-credentials-env', 'AUTH_CTRL', '--auth-path', '/admin', '--dry-run'], {
      AUTH_CTRL: `Bearer ${SECRET}`,
    });
    expectRefused(run, /^shipcheck: the header in AUTH_CTRL \(from --auth-credentials-env\) must look like 'Name: value'/);
    expect(run.stderr).not.toContain('--header');
    expect(run.stderr).not.toContain(SECRET);
  });

  it('refuses a header given to --auth-credentials-env in place of a variable name, without showing it', async () => {
    const run = await cli(['scan', nowhere, '--auth-credentials-env', `Authorization: Bearer ${SECRET}`, '--dry-run']);
    expectRefused(run, /^shipcheck: --auth-credentials-env takes the name of an environment variable/);
    expect(run.stderr).not.toContain(SECRET);
  });

  it('never echoes a stray argument that may be a secret, nor a long one in full', async () => {
    const secret = await cli(['scan', nowhere, `Authorization: Bearer ${SECRET}`]);
    expectRefused(secret, /^shipcheck: unexpected argument \(\d+ characters, not shown: it may hold a secret\) \(see --help\)$/);
    expect(secret.stderr).not.toContain(SECRET);
    const long = await cli(['scan', nowhere, 'x'.repeat(500)]);
    expectRefused(long, /^shipcheck: unexpected argument "x{39}…" \(see --help\)$/);
  });
});

describe('--header on a plain http:// target', () => {
  const header = ['--header', `Authorization: Bearer ${SECRET}`];

  it('is noted in the --dry-run plan, which no longer promises the header', async () => {
    const run = await cli(['scan', `${site.url}/`, ...header, '--only', 'headers', '--dry-run']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([`${site.url}/`, '  Note: --header not sent: the target is plain http://']);
    expect(run.stdout).not.toContain('with your headers');
  });

  it('is noted in the JSON report and the console summary, and the header is not sent', async () => {
    const file = join(dir, 'report.json');
    const run = await cli(['scan', `${site.url}/`, ...header, '--only', 'headers', '--output', file]);
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    expect(report.targets[0]?.notices).toEqual(['--header not sent: the target is plain http://']);
    expect(run.stdout).toContain('Note: --header not sent: the target is plain http://');
    expect(site.requests.length).toBeGreaterThan(0);
    expect(site.requests.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
  });
});
