import {describe, expect, it} from '@jest/globals';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {escapeData, escapeProperty, workflowCommand} from '../../src/github/commands.js';
import {annotations, appendSummary, SUMMARY_MAX_BYTES} from '../../src/github/summary.js';
import {report, result, target} from '../helpers/reports.js';
import {failingReport, manyFailuresReport} from './reports.js';

/** A target no check at level error could judge, whose certificate browsers reject. */
const unjudgedReport = () =>
  report([
    target([result({status: 'error', level: 'warn'})], {
      notJudged: 'every check at level error needs the page,\nwhich answered 503',
      certificateRejected: 'expired on 2025-01-01',
      source: {file: 'shipcheck.yml', line: 4},
    }),
  ]);

describe('workflow commands', () => {
  it('escape the message and, further, property values as the runner unescapes them', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b');
  });

  it('keep target text from starting a command of its own or driving the terminal', () => {
    const line = workflowCommand('error', {title: 'x,y', file: undefined}, 'evil\n::add-mask::everything\u001b[2J\u202e');
    expect(line).toBe('::error title=x%2Cy::evil%0A::add-mask::everything');
    expect(line.split('\n')).toHaveLength(1);
  });
});

describe('annotations', () => {
  it('are at most ten; the tenth says how many more the summary has', () => {
    const lines = annotations(manyFailuresReport());
    expect(lines).toHaveLength(10);
    expect(lines[9]).toBe('::error title=shipcheck::6 more failures: see the job summary.');
  });

  it('point at the file and line that name the target, when the report knows them', () => {
    const report = failingReport();
    const located = {...report, targets: report.targets.map((t) => ({...t, source: {file: 'shipcheck.yml', line: 4}}))};
    expect(annotations(located)[0]).toMatch(/^::error file=shipcheck.yml,line=4,title=shipcheck%3A hsts is missing::/);
  });

  it('name a target that was not judged, and nothing that does not gate', () => {
    expect(annotations(unjudgedReport())).toEqual([
      '::error file=shipcheck.yml,line=4,title=shipcheck%3A Target not judged::https://app.example.com/: every check at level error needs the page,%0Awhich answered 503',
    ]);
  });
});

describe('the job summary', () => {
  it('says once that the target was not judged and that browsers reject its certificate, and lists the rest as a warning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipcheck-summary-'));
    try {
      const file = join(dir, 'summary.md');
      expect(await appendSummary(file, unjudgedReport())).toBe(true);
      const md = await readFile(file, 'utf8');
      expect(md).toContain('### ❌ shipcheck failed: 1 target not judged');
      expect(md.split('**Not judged:** every check at level error needs the page, which answered 503')).toHaveLength(2);
      expect(md.split('**Certificate rejected by browsers:** expired on 2025\\-01\\-01')).toHaveLength(2);
      expect(md).not.toContain('#### ❌ Failed');
      expect(md).toContain('#### ⚠️ Warnings, not gating (1)');
    } finally {
      await rm(dir, {recursive: true, force: true});
    }
  });

  it('is left alone when earlier steps filled it to the 1 MiB GitHub accepts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipcheck-summary-'));
    try {
      const file = join(dir, 'summary.md');
      const full = 'x'.repeat(SUMMARY_MAX_BYTES - 1000);
      await writeFile(file, full);
      expect(await appendSummary(file, failingReport())).toBe(false);
      expect(await readFile(file, 'utf8')).toBe(full);
    } finally {
      await rm(dir, {recursive: true, force: true});
    }
  });
});
