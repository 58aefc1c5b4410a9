/**
 * `--github` on the built CLI, outside Actions (`--repo --pr --sha`), against the GitHub simulator:
 * one sticky comment, updated in place on the second post, and a commit status; the token never
 * printed; a missing token refused before anything is sent.
 */
import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from '@jest/globals';
import {GitHubSimulator} from '../github/simulator.js';

const root = join(import.meta.dirname, '..', '..');
const fixture = join(root, 'test', 'fixtures', 'report-demo.json');
const SHA = 'a'.repeat(40);

function cli(args: readonly string[], env: Record<string, string | undefined>): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_') && k !== 'ACTIONS'));
    const child = spawn(process.execPath, [join(root, 'bin', 'run.js'), ...args], {
      env: {...clean, NODE_ENV: 'production', OCLIF_SKIP_NEW_VERSION_CHECK: 'true', NO_COLOR: '1', ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({code, stdout, stderr});
    });
  });
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
    const first = await cli(args, env);
    expect(first.code).toBe(0);
    expect(sim.comments).toHaveLength(1);
    expect(sim.statuses.map((s) => [s.sha, s.state])).toEqual([[SHA, 'failure']]);
    const second = await cli(args, env);
    expect(second.code).toBe(0);
    expect(sim.comments).toHaveLength(1);
    expect(first.stdout + first.stderr + second.stdout + second.stderr).not.toContain(sim.token);
  });

  it('refuses --github without GITHUB_TOKEN before sending anything, exit 2', async () => {
    const run = await cli(['report', fixture, '--github', '--repo', `${sim.owner}/${sim.repo}`, '--pr', '3', '--sha', SHA], {GITHUB_API_URL: sim.url});
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(sim.requests).toEqual([]);
  });
});
