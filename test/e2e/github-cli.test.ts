/**
 * `--github` on the built CLI, outside Actions (`--repo --pr --sha`), against the GitHub simulator:
 * one sticky comment, updated in place on the second post, and a commit status; the token never
 * printed; a missing token refused before anything is sent.
 */
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from '@jest/globals';
import {GitHubSimulator} from '../github/simulator.js';
import {cli, ROOT} from '../helpers/cli.js';

const fixture = join(ROOT, 'test', 'fixtures', 'report-demo.json');
const SHA = 'a'.repeat(40);

/** The CLI without the runner's own GitHub variables: only what each test gives it. */
function ghCli(args: readonly string[], env: Record<string, string>): ReturnType<typeof cli> {
  const cleared = Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => k.startsWith('GITHUB_') || k === 'ACTIONS')
      .map((k) => [k, undefined]),
  );
  return cli(args, {...cleared, ...env});
}

let sim: GitHubSimulator;
beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.addPullRequest(3, SHA);
});
afterEach(async () => {
  expect(sim.violations).toEqual([]);
  await sim.close();
});

describe('shipcheck report --github', () => {
  it('posts one sticky comment and a status, and updates the comment in place the second time', async () => {
    const args = ['report', fixture, '--format', 'markdown', '--github', '--repo', `${sim.owner}/${sim.repo}`, '--pr', '3', '--sha', SHA];
    const env = {GITHUB_TOKEN: sim.token, GITHUB_API_URL: sim.url};
    const first = await ghCli(args, env);
    expect(first.code).toBe(0);
    expect(sim.comments).toHaveLength(1);
    expect(sim.statuses.map((s) => [s.sha, s.state])).toEqual([[SHA, 'failure']]);
    const second = await ghCli(args, env);
    expect(second.code).toBe(0);
    expect(sim.comments).toHaveLength(1);
    expect(first.stdout + first.stderr + second.stdout + second.stderr).not.toContain(sim.token);
  });

  it('refuses --github without GITHUB_TOKEN before sending anything, exit 2', async () => {
    const run = await ghCli(['report', fixture, '--github', '--repo', `${sim.owner}/${sim.repo}`, '--pr', '3', '--sha', SHA], {
      GITHUB_API_URL: sim.url,
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(sim.requests).toEqual([]);
  });
});
