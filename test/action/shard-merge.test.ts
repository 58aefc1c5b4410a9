/**
 * The Action over a matrix: the `shard` input takes its share of the config's targets (checked
 * through the `--dry-run` plan, so nothing is sent), and `mode: merge` combines the shards' JSON
 * reports and posts once to the GitHub simulator from a real pull_request payload: one comment, one
 * status, one SARIF run, the step outputs and the exit code of the merged report.
 */
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from '@jest/globals';
import {readInputs} from '../../src/action/inputs.js';
import {reportFiles, runAction, scanRequest} from '../../src/action/run.js';
import type {Report} from '../../src/core/report.js';
import {planOnly} from '../../src/engine/run.js';
import {writePullRequestEvent, type WrittenEvent} from '../github/event.js';
import {GitHubSimulator} from '../github/simulator.js';
import {report, result, target} from '../helpers/reports.js';

/** Every fetch the Action makes; each test ends by asserting they all went to the simulator. */
const contacted = new Set<string>();
const realFetch = globalThis.fetch;
beforeAll(() => {
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    contacted.add(url.hostname);
    if (url.hostname !== '127.0.0.1') return Promise.reject(new Error(`test tried to reach ${url.host}`));
    return realFetch(input, init);
  };
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipcheck-action-shards-'));
});
afterEach(async () => {
  await rm(dir, {recursive: true, force: true});
  expect([...contacted].every((host) => host === '127.0.0.1')).toBe(true);
  contacted.clear();
});

const FLEET = Array.from({length: 8}, (_, i) => `https://svc-${i}.staging.example.test/`);

/** The targets the Action's scan would send requests to, from the dry-run plan. */
async function planned(env: NodeJS.ProcessEnv): Promise<string[]> {
  const text = await planOnly(scanRequest(readInputs(env), {}, join(dir, 'report.json')));
  return text.split('\n').filter((line) => FLEET.includes(line));
}

describe('the shard input', () => {
  it('gives each shard of a matrix its own share of the config’s targets, together all of them once', async () => {
    const config = join(dir, 'shipcheck.yml');
    await writeFile(config, ['targets:', ...FLEET.map((url) => `  - ${url}`)].join('\n'));
    const shards = [await planned({INPUT_CONFIG: config, INPUT_SHARD: '1/2'}), await planned({INPUT_CONFIG: config, INPUT_SHARD: '2/2'})];
    expect(shards.flat().sort()).toEqual([...FLEET].sort());
    expect(await planned({INPUT_CONFIG: config})).toEqual(FLEET);
  });
});

describe('reportFiles', () => {
  beforeEach(async () => {
    await mkdir(join(dir, 'shards', 'nested.json'), {recursive: true});
    for (const name of ['shard-2.json', 'shard-1.json', 'notes.txt']) await writeFile(join(dir, 'shards', name), '{}');
  });

  it('reads a folder as its *.json files and a pattern with * in the file name, sorted, each file once', async () => {
    const shards = ['shard-1.json', 'shard-2.json'].map((name) => join(dir, 'shards', name));
    expect(await reportFiles([join(dir, 'shards')])).toEqual(shards);
    expect(await reportFiles([join(dir, 'shards', 'shard-*.json'), shards[0]!])).toEqual(shards);
  });

  it('refuses a line that matches no file, and * in a folder name', async () => {
    await expect(reportFiles([join(dir, 'shards', 'shard-*.sarif')])).rejects.toThrow(
      `input reports: "${join(dir, 'shards', 'shard-*.sarif')}" matches no file`,
    );
    await expect(reportFiles([join(dir, '*', 'shard-1.json')])).rejects.toThrow('has * in a folder name; only the file name may have one');
  });
});

describe('mode: merge', () => {
  let sim: GitHubSimulator;
  let event: WrittenEvent;

  beforeEach(async () => {
    sim = await GitHubSimulator.start();
    event = await writePullRequestEvent({owner: sim.owner, repo: sim.repo, number: 5, dir});
    sim.addPullRequest(5, event.headSha);
  });
  afterEach(async () => {
    expect(sim.violations).toEqual([]);
    await sim.close();
  });

  const passing = (url: string) => target([result({id: 'hsts', status: 'pass', findings: []})], {url});
  const failing = (url: string) => target([result({id: 'hsts'})], {url});

  /** The shards' reports as the matrix jobs uploaded them, downloaded into one folder. */
  async function downloadShards(...reports: Report[]): Promise<void> {
    await mkdir(join(dir, 'shards'));
    for (const [i, r] of reports.entries()) await writeFile(join(dir, 'shards', `shipcheck-shard-${i + 1}.json`), JSON.stringify(r));
  }

  /** One step of the merge job; returns its exit code, log lines and step outputs. */
  async function mergeStep(inputs: Record<string, string>): Promise<{code: number; log: string[]; outputs: string}> {
    const outputFile = join(dir, 'github-output');
    await writeFile(outputFile, '');
    const log: string[] = [];
    const code = await runAction(
      {
        GITHUB_ACTIONS: 'true',
        GITHUB_API_URL: sim.url,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: `${sim.owner}/${sim.repo}`,
        GITHUB_RUN_ID: '77',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event.file,
        GITHUB_SHA: 'e'.repeat(40),
        GITHUB_WORKSPACE: dir,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
        INPUT_MODE: 'merge',
        INPUT_TOKEN: sim.token,
        'INPUT_REPORT-FILE': join(dir, 'out', 'shipcheck.json'),
        'INPUT_SARIF-FILE': join(dir, 'out', 'shipcheck.sarif'),
        ...inputs,
      },
      (line) => log.push(line),
    );
    return {code, log, outputs: await readFile(outputFile, 'utf8')};
  }

  it('merges the downloaded shard reports and posts once: one comment, one status, one SARIF run', async () => {
    await downloadShards(
      report([failing('https://c.example.test/')]),
      report([]),
      report([passing('https://a.example.test/'), passing('https://b.example.test/')]),
    );
    const step = await mergeStep({INPUT_REPORTS: join(dir, 'shards', '*.json')});
    expect(step.code).toBe(1);
    expect(step.log).toContain(`::add-mask::${sim.token}`);

    const merged = JSON.parse(await readFile(join(dir, 'out', 'shipcheck.json'), 'utf8')) as Report;
    expect(merged.targets.map((t) => t.url)).toEqual(['a', 'b', 'c'].map((host) => `https://${host}.example.test/`));
    expect(merged.summary).toMatchObject({total: 3, fail: 1, blocking: 1});
    const sarif = JSON.parse(await readFile(join(dir, 'out', 'shipcheck.sarif'), 'utf8')) as {runs: {results: unknown[]}[]};
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0]!.results).toHaveLength(1);

    expect(sim.commentsOn(5)).toHaveLength(1);
    expect(sim.commentsOn(5)[0]!.body).toMatch(/shipcheck failed/);
    for (const host of ['a', 'b', 'c']) expect(sim.commentsOn(5)[0]!.body).toContain(`${host}.example.test`);
    expect(sim.statuses.map((s) => [s.sha, s.state])).toEqual([[event.headSha, 'failure']]);
    expect(step.outputs).toMatch(/^passed<<(\S+)\nfalse\n\1$/m);
    expect(step.outputs).toMatch(/^failed<<(\S+)\n1\n\1$/m);
  });

  it('passes (exit 0) when every shard passed, reading the reports folder', async () => {
    await downloadShards(report([passing('https://a.example.test/')]), report([passing('https://b.example.test/')]));
    const step = await mergeStep({INPUT_REPORTS: join(dir, 'shards')});
    expect(step.code).toBe(0);
    expect(sim.statuses.map((s) => s.state)).toEqual(['success']);
  });

  it('fails the step with one error and exit 2 when a shard was uploaded twice, posting nothing', async () => {
    const twice = report([passing('https://a.example.test/')]);
    await downloadShards(twice, twice);
    const step = await mergeStep({INPUT_REPORTS: join(dir, 'shards')});
    expect(step.code).toBe(2);
    expect(step.log.filter((line) => line.startsWith('::error'))).toEqual([
      expect.stringMatching(
        /^::error title=shipcheck::https:\/\/a\.example\.test\/ is in both ".*shipcheck-shard-1\.json" and ".*shipcheck-shard-2\.json"/,
      ),
    ]);
    expect(sim.requests).toEqual([]);
  });
});
