/**
 * Ctrl-C and CI cancellation (issue 10, item 6) on the built CLI: a scan stopped by SIGINT or
 * SIGTERM while a request is in flight still writes its report to every output, marked
 * interrupted, prints one line on stderr and exits 130 or 143 (not listr2's 127).
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import type {Report} from '../../src/core/report.js';
import {ROOT} from '../helpers/cli.js';

/** Answers nothing: every request stays in flight until the client gives up. */
let slow: http.Server;
let slowUrl: string;
let arrivals = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  slow = http.createServer(() => {
    arrivals++;
  });
  slow.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => slow.close(() => resolve()));
});

interface Stopped {
  code: number | null;
  stdout: string;
  stderr: string;
  file: Report;
}

/** Starts `node args` in `cwd`, sends `signal` once the first request has reached the slow server, and waits for it to end. */
async function signalOnArrival(
  args: readonly string[],
  options: {cwd: string; env: NodeJS.ProcessEnv},
  signal: NodeJS.Signals,
): Promise<Omit<Stopped, 'file'>> {
  const before = arrivals;
  const child = spawn(process.execPath, args, {...options, stdio: ['ignore', 'pipe', 'pipe']});
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 30_000);
  for (let waited = 0; arrivals === before; waited += 10) {
    if (waited > 20_000) throw new Error(`no request arrived; stdout: ${stdout}; stderr: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill(signal);
  const code = await closed;
  clearTimeout(watchdog);
  return {code, stdout, stderr};
}

/** Runs `shipcheck scan … --json --output f.json`, sends `signal` once the first request has arrived, and reads what it left. */
async function scanThenSignal(args: readonly string[], signal: NodeJS.Signals): Promise<Stopped> {
  const dir = mkdtempSync(join(tmpdir(), 'shipcheck-signals-'));
  const output = join(dir, 'f.json');
  const run = await signalOnArrival(
    [join(ROOT, 'bin', 'run.js'), 'scan', ...args, '--json', '--output', output],
    {cwd: dir, env: {...process.env, NODE_ENV: 'production', OCLIF_SKIP_NEW_VERSION_CHECK: 'true', NO_COLOR: '1'}},
    signal,
  );
  return {...run, file: JSON.parse(readFileSync(output, 'utf8')) as Report};
}

describe('an interrupted scan', () => {
  it('SIGINT: exit 130, the partial report in the --output file and on stdout, one line on stderr', async () => {
    const run = await scanThenSignal([slowUrl, '--only', 'headers'], 'SIGINT');
    expect(run.code).toBe(130);
    expect(run.file.interrupted).toBe(true);
    expect(run.file.passed).toBe(false);
    expect(run.file.targets[0]).toMatchObject({url: slowUrl, interrupted: true});
    expect(run.file.targets[0]!.results.every((r) => r.status === 'skipped' && r.findings[0]?.messageId === 'not-run')).toBe(true);
    expect((JSON.parse(run.stdout) as Report).interrupted).toBe(true);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^shipcheck: interrupted by SIGINT: 0 of 1 targets finished/)]);
  });

  it('SIGTERM: exit 143; targets of the config not started yet are listed as not run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-signals-config-'));
    const config = join(dir, 'shipcheck.yml');
    writeFileSync(config, JSON.stringify({targets: [slowUrl, 'http://127.0.0.1:9/a', 'http://127.0.0.1:9/b'], concurrency: 1}));
    const run = await scanThenSignal(['--config', config, '--only', 'headers'], 'SIGTERM');
    expect(run.code).toBe(143);
    expect(run.file.interrupted).toBe(true);
    expect(run.file.targets.map((t) => [t.interrupted ?? false, t.notRun ?? false])).toEqual([
      [true, false],
      [false, true],
      [false, true],
    ]);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^shipcheck: interrupted by SIGTERM: 0 of 3 targets finished, 1 cut short, 2 not started/),
    ]);
  });
});

describe('the Action, cancelled', () => {
  it('SIGINT (the runner cancelling the job): exit 130, the partial JSON report and SARIF written, one warning line, nothing posted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-action-signals-'));
    const {code, stdout} = await signalOnArrival(
      [join(ROOT, 'dist', 'action', 'index.js')],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          GITHUB_ACTIONS: 'true',
          GITHUB_WORKSPACE: dir,
          // A token that would be refused: were anything posted, the run would log an error.
          INPUT_TOKEN: 'not-a-token',
          INPUT_URL: slowUrl,
          INPUT_COMMENT: 'true',
          INPUT_STATUS: 'true',
          INPUT_SUMMARY: 'false',
          'INPUT_TRACKING-ISSUE': 'false',
          'INPUT_REPORT-FILE': 'shipcheck.json',
          'INPUT_SARIF-FILE': 'shipcheck.sarif',
          GITHUB_API_URL: 'http://127.0.0.1:9/',
          GITHUB_REPOSITORY: 'acme/shop',
          GITHUB_EVENT_NAME: 'push',
          GITHUB_SHA: 'e'.repeat(40),
        },
      },
      'SIGINT',
    );
    expect(code).toBe(130);
    const report = JSON.parse(readFileSync(join(dir, 'shipcheck.json'), 'utf8')) as Report;
    expect(report.interrupted).toBe(true);
    expect(report.targets[0]).toMatchObject({url: slowUrl, interrupted: true});
    expect((JSON.parse(readFileSync(join(dir, 'shipcheck.sarif'), 'utf8')) as {runs: unknown[]}).runs).toHaveLength(1);
    const warnings = stdout.split('\n').filter((line) => line.startsWith('::warning') || line.startsWith('::error'));
    expect(warnings).toEqual([expect.stringMatching(/^::warning title=shipcheck::shipcheck: interrupted by SIGINT: 0 of 1 targets finished/)]);
  });
});
