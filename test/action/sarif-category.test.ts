/**
 * The Action's SARIF file names its code scanning category when the step has a key or a shard: the
 * shards of a matrix (and jobs with different keys) then upload side by side instead of replacing
 * each other. Run in process on a shard whose share of the targets is empty, so nothing is sent.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runAction} from '../../src/action/run.js';
import {shardOf} from '../../src/engine/shard.js';

const URL_TARGET = 'https://shop.example.test/';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipcheck-action-sarif-'));
});
afterAll(async () => {
  await rm(dir, {recursive: true, force: true});
});

async function sarifOf(inputs: Record<string, string>): Promise<{runs: {automationDetails?: {id: string}}[]}> {
  const sarif = join(dir, `${Object.values(inputs).join('-').replace(/\W/g, '_')}.sarif`);
  const lines: string[] = [];
  const code = await runAction(
    {
      GITHUB_WORKSPACE: dir,
      INPUT_URL: URL_TARGET,
      'INPUT_SARIF-FILE': sarif,
      'INPUT_REPORT-FILE': join(dir, 'report.json'),
      INPUT_COMMENT: 'false',
      INPUT_STATUS: 'false',
      INPUT_SUMMARY: 'false',
      INPUT_TOKEN: '',
      ...inputs,
    },
    (line) => lines.push(line),
  );
  expect({code, errors: lines.filter((l) => l.startsWith('::error'))}).toEqual({code: 0, errors: []});
  return JSON.parse(await readFile(sarif, 'utf8')) as {runs: {automationDetails?: {id: string}}[]};
}

describe("the Action's SARIF category", () => {
  // A shard the one target does not fall in: the scan has nothing to send.
  const empty = (shardOf(new URL(URL_TARGET).href, 3) % 3) + 1;

  it('is shipcheck/<key>/shard-i-of-n/ for a keyed shard', async () => {
    const log = await sarifOf({INPUT_KEY: 'fleet', INPUT_SHARD: `${empty}/3`});
    expect(log.runs[0]!.automationDetails).toEqual({id: `shipcheck/fleet/shard-${empty}-of-3/`});
  });

  it('is shipcheck/shard-i-of-n/ for a shard without a key', async () => {
    const log = await sarifOf({INPUT_SHARD: `${empty}/3`});
    expect(log.runs[0]!.automationDetails).toEqual({id: `shipcheck/shard-${empty}-of-3/`});
  });
});
