/**
 * The committed Action bundle: (a) it is what a fresh build produces, so a stale bundle fails CI;
 * (b) copied alone into an empty folder (no node_modules, as the runner has it) and started with
 * `node`, it scans the demo site and reports to the GitHub simulator from a real pull_request
 * payload: one comment, updated on the second run, the status on the head commit, the job summary,
 * the SARIF file and the step outputs. A preload records every socket the Action opens.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {execFile} from 'node:child_process';
import {cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {startDemo, type DemoTarget} from '../../src/demo/server.js';
import {writePullRequestEvent, type WrittenEvent} from '../github/event.js';
import {GitHubSimulator} from '../github/simulator.js';
import {tracker} from '../helpers/process.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMMITTED = join(ROOT, 'dist', 'action');

/** Every file under `dir`, relative, sorted. */
async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true});
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/**
 * Loaded with --import before the bundle: every TCP connection's host goes into a log, and any host
 * off loopback is refused before a packet leaves.
 */
const GUARD = `
import net from 'node:net';
import {appendFileSync} from 'node:fs';
const log = process.env.SHIPCHECK_TEST_CONNECT_LOG;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // Node passes its own normalised [options, callback] array; users pass (options) or (port, host).
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : {port: first, host: typeof args[1] === 'string' ? args[1] : 'localhost'};
  if (options.path === undefined) {
    const host = options.host ?? 'localhost';
    appendFileSync(log, host + '\\n');
    if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new Error('the Action tried to reach ' + host);
  }
  return connect.apply(this, args);
};
`;

/** name<<DELIMITER / value / DELIMITER blocks, as the runner reads GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]!] = m[3]!;
  return outputs;
}

describe('the committed Action bundle', () => {
  it('is what a fresh build produces', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'shipcheck-action-build-'));
    try {
      await run(process.execPath, [join(ROOT, 'scripts', 'build-action.mjs'), fresh], {cwd: ROOT});
      expect(await files(COMMITTED)).toEqual(await files(fresh));
      for (const file of await files(fresh)) {
        const same = (await readFile(join(COMMITTED, file))).equals(await readFile(join(fresh, file)));
        // On failure: run `npm run build:action` and commit dist/action/.
        expect({file, same}).toEqual({file, same: true});
      }
    } finally {
      await rm(fresh, {recursive: true, force: true});
    }
  }, 60_000);
});

describe('the Action, run by node as the runner runs it', () => {
  let sim: GitHubSimulator;
  let demo: DemoTarget;
  let dir: string;
  let event: WrittenEvent;
  const {track, closeAll} = tracker();

  beforeAll(async () => {
    [sim, demo] = await Promise.all([track(GitHubSimulator.start()), track(startDemo())]);
    dir = await mkdtemp(join(tmpdir(), 'shipcheck-action-'));
    await cp(COMMITTED, join(dir, 'action'), {recursive: true});
    await Promise.all([mkdir(join(dir, 'workspace')), writeFile(join(dir, 'guard.mjs'), GUARD), writeFile(join(dir, 'demo-ca.pem'), demo.ca)]);
    event = await writePullRequestEvent({owner: sim.owner, repo: sim.repo, number: 3, dir});
    sim.addPullRequest(3, event.headSha);
  });

  afterAll(async () => {
    await closeAll();
    if (dir) await rm(dir, {recursive: true, force: true});
  });

  /** One step: a fresh GITHUB_OUTPUT, the summary file shared like the job's. */
  async function step(inputs: Record<string, string>): Promise<{code: number; stdout: string; outputs: Record<string, string>}> {
    const outputFile = join(dir, `output-${Date.now()}`);
    await writeFile(outputFile, '');
    const env = {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: `--import=${join(dir, 'guard.mjs')}`,
      SHIPCHECK_TEST_CONNECT_LOG: join(dir, 'connections.log'),
      NODE_EXTRA_CA_CERTS: join(dir, 'demo-ca.pem'),
      GITHUB_ACTIONS: 'true',
      GITHUB_API_URL: sim.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: `${sim.owner}/${sim.repo}`,
      GITHUB_RUN_ID: '99',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event.file,
      GITHUB_SHA: 'e'.repeat(40),
      GITHUB_WORKSPACE: join(dir, 'workspace'),
      GITHUB_WORKFLOW_REF: `${sim.owner}/${sim.repo}/.github/workflows/preview.yml@refs/pull/3/merge`,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      INPUT_URL: demo.url,
      INPUT_TOKEN: sim.token,
      'INPUT_FAIL-ON': 'error',
      INPUT_COMMENT: 'true',
      INPUT_STATUS: 'true',
      INPUT_SUMMARY: 'true',
      'INPUT_SARIF-FILE': 'shipcheck.sarif',
      'INPUT_REPORT-FILE': 'reports/shipcheck.json',
      'INPUT_TRACKING-ISSUE': 'false',
      ...inputs,
    };
    const child = await run(process.execPath, [join(dir, 'action', 'index.js')], {
      cwd: join(dir, 'workspace'),
      env,
      maxBuffer: 16 * 1024 * 1024,
    }).then(
      (r) => ({code: 0, stdout: r.stdout}),
      (error: unknown) => {
        // execFile rejects with the exit code and both outputs on the error.
        const e = error as {code?: number; stdout?: string; stderr?: string};
        return {code: e.code ?? -1, stdout: `${e.stdout ?? ''}${e.stderr ?? ''}`};
      },
    );
    return {...child, outputs: parseOutputs(await readFile(outputFile, 'utf8'))};
  }

  it('posts one comment, updates it on the second run, sets the status, writes the summary, SARIF and outputs', async () => {
    const first = await step({});
    expect(first.stdout).toContain(`::add-mask::${sim.token}`);
    expect(first.code).toBe(1);
    expect(first.outputs).toEqual({
      passed: 'false',
      failed: expect.stringMatching(/^[1-9]\d*$/),
      warnings: expect.stringMatching(/^\d+$/),
      'report-path': join(dir, 'workspace', 'reports', 'shipcheck.json'),
      'sarif-path': join(dir, 'workspace', 'shipcheck.sarif'),
    });
    const comments = sim.commentsOn(3);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/^<!-- shipcheck:[^ ]+ -->\n### ❌ shipcheck failed/);
    expect(sim.statuses).toEqual([
      expect.objectContaining({
        sha: event.headSha,
        state: 'failure',
        context: 'shipcheck',
        targetUrl: `https://github.com/${sim.owner}/${sim.repo}/actions/runs/99`,
      }),
    ]);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain('shipcheck failed');
    expect(first.stdout).toMatch(/^::error title=shipcheck%3A /m);
    // The console report (target text) is fenced off from workflow-command parsing.
    expect(first.stdout).toMatch(/^::stop-commands::([\w-]+)\n[\s\S]*\n::\1::$/m);

    const report = JSON.parse(await readFile(first.outputs['report-path']!, 'utf8')) as {passed: boolean; targets: {url: string}[]};
    expect(report.passed).toBe(false);
    expect(report.targets[0]!.url).toBe(demo.url);
    const sarif = JSON.parse(await readFile(first.outputs['sarif-path']!, 'utf8')) as {version: string; runs: {results: unknown[]}[]};
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);

    // Report-only on the second run: the step passes, and the same comment is updated in place.
    const second = await step({'INPUT_FAIL-ON': 'never'});
    expect(second.code).toBe(0);
    expect(second.outputs.passed).toBe('false');
    expect(sim.commentsOn(3).map((c) => c.id)).toEqual([comments[0]!.id]);
    expect(sim.calls('issues/create-comment')).toHaveLength(1);
    expect(sim.calls('issues/update-comment')).toHaveLength(1);
    expect(sim.statuses).toHaveLength(2);

    expect(sim.violations).toEqual([]);
    const hosts = new Set((await readFile(join(dir, 'connections.log'), 'utf8')).trim().split('\n'));
    expect([...hosts]).toEqual(['127.0.0.1']);
  }, 120_000);

  it('a bad input is a one-line error and exit code 2', async () => {
    const result = await step({'INPUT_FAIL-ON': 'sometimes'});
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('::error title=shipcheck::input fail-on is "sometimes"; use one of error, warn, never');
  }, 30_000);
});
