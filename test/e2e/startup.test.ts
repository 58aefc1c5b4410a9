/**
 * The start-up path of the built CLI (`npm run build` first): bin/run.js answers `--version` itself,
 * without loading oclif, and must say exactly what oclif would; everything else goes through oclif
 * and the bundle, help included (oclif's help command is bundled, not loaded as a plugin).
 */
import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {expect, it} from '@jest/globals';
import {cli, ROOT} from '../helpers/cli.js';

/** oclif's own answer to `argv`: its runner from the bundle, as bin/run.js would call it without the shortcut. */
function throughOclif(argv: readonly string[]): Promise<string> {
  const main = pathToFileURL(join(ROOT, 'dist', 'src', 'cli', 'main.js')).href;
  const bin = pathToFileURL(join(ROOT, 'bin', 'run.js')).href;
  const script = `const {execute} = await import(${JSON.stringify(main)}); await execute({dir: ${JSON.stringify(bin)}, args: ${JSON.stringify(argv)}});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: {...process.env, NODE_ENV: 'production', OCLIF_DISABLE_ENGINE_WARNING: 'true'},
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.once('error', reject);
    child.once('close', () => resolve(stdout));
  });
}

it('answers --version with the line oclif prints, and exit 0', async () => {
  const [fast, oclif] = await Promise.all([cli(['--version']), throughOclif(['--version'])]);
  expect(fast.code).toBe(0);
  expect(fast.stderr).toBe('');
  expect(fast.stdout).toBe(oclif);
  expect(fast.stdout).toMatch(/^shipcheck\/\d+\.\d+\.\d+ \S+-\S+ node-v\d+\.\d+\.\d+\n$/);
});

it('shows help for a command through the bundled help command and the --help flag alike', async () => {
  const [command, flag] = await Promise.all([cli(['help', 'scan']), cli(['scan', '--help'])]);
  expect(command.code).toBe(0);
  expect(command.stdout).toContain('$ shipcheck scan [URL]');
  expect(command.stdout).toMatch(/^ +--only=<value> /m);
  expect(flag.stdout).toBe(command.stdout);
});

it('lists every command, help included, in the top-level help', async () => {
  const run = await cli(['--help']);
  expect(run.code).toBe(0);
  for (const command of ['scan', 'demo', 'checks', 'report', 'merge', 'init', 'help'])
    expect(run.stdout).toMatch(new RegExp(`^  ${command}\\s`, 'm'));
});
