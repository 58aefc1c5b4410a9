/**
 * `shipcheck report` as a user runs it: the built CLI (`bin/run.js` on `dist/`, so `npm run build`
 * first), which finds its templates from the package root and not from a compiled file.
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from '@jest/globals';
import {cli, ROOT, type Run} from '../helpers/cli.js';

const demo = join(ROOT, 'test', 'fixtures', 'report-demo.json');
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipcheck-report-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, {recursive: true, force: true});
});

/** `shipcheck report …` on the built CLI. */
const report = (args: readonly string[]): Promise<Run> => cli(['report', ...args]);

describe('shipcheck report', () => {
  it('renders a saved report as the Markdown comment on stdout', async () => {
    const run = await report([demo, '--format', 'markdown']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^<!-- shipcheck:[0-9a-f]{16} -->$/);
    expect(lines[1]).toBe('### ❌ shipcheck failed: 10 blocking');
    expect(run.stdout).toContain('#### ❌ Failed (10)');
  });

  it('writes several formats into --output-dir, one shipcheck.<ext> each', async () => {
    const out = join(tempDir(), 'nested', 'out');
    const run = await report([
      demo,
      '--format',
      'sarif',
      '--format',
      'junit',
      '--format',
      'html',
      '--format',
      'json',
      '--output-dir',
      out,
      '--sarif-location',
      'deploy/shipcheck.yml:7',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual(['shipcheck.html', 'shipcheck.json', 'shipcheck.sarif', 'shipcheck.xml']);
    const sarif = JSON.parse(readFileSync(join(out, 'shipcheck.sarif'), 'utf8')) as {
      runs: {results: {locations: {physicalLocation: {artifactLocation: {uri: string}; region: {startLine: number}}}[]}[]}[];
    };
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: {uri: 'deploy/shipcheck.yml'},
      region: {startLine: 7},
    });
    expect(readFileSync(join(out, 'shipcheck.html'), 'utf8')).toContain('<h1>shipcheck failed: 10 blocking</h1>');
    expect(JSON.parse(readFileSync(join(out, 'shipcheck.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(demo, 'utf8')));
  });

  it.each([
    ['a file that is not JSON', 'not json {', /^shipcheck: ".*" is not JSON; expected a report from shipcheck scan --json$/],
    ['JSON that is not a report', '{"schemaVersion": 2, "targets": []}', /^shipcheck: ".*" is not a shipcheck report \(schemaVersion 1\)$/],
  ])('rejects %s with one line and exit 2', async (_name, content, message) => {
    const file = join(tempDir(), 'report.json');
    writeFileSync(file, content);
    const run = await report([file, '--format', 'markdown']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr.trimEnd()).toMatch(message);
  });

  it('rejects a missing file, several formats on stdout and an absolute SARIF location with exit 2', async () => {
    for (const args of [
      [join(tempDir(), 'missing.json')],
      [demo, '--format', 'sarif', '--format', 'html'],
      [demo, '--format', 'sarif', '--sarif-location', '/etc/shipcheck.yml'],
    ]) {
      const run = await report(args);
      expect(run.code).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^shipcheck: /);
    }
  });
});
