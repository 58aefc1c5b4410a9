/** Runs the built CLI (`bin/run.js` on `dist/`) as a user would, in a child process. */
import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs in `cwd`, or a fresh empty folder. `env` replaces the inherited environment's entries
 * (undefined removes one). NODE_ENV is
 * 'production' as for a user: jest's NODE_ENV=test switches oclif to its development warnings.
 */
export function cli(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}, cwd?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const merged: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'production',
      OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
      NO_COLOR: '1',
      ...env,
    };
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {
      cwd: cwd ?? mkdtempSync(join(tmpdir(), 'shipcheck-cwd-')),
      env: Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined)),
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
