/**
 * The Action's own seams, without a runner: the scan its inputs ask for (checked through the
 * `--dry-run` plan, so nothing is sent) and the step outputs it writes from a report.
 */
import {describe, expect, it} from '@jest/globals';
import {readInputs} from '../../src/action/inputs.js';
import {scanRequest, stepOutputs} from '../../src/action/run.js';
import {isBlocking, summarize, type Report} from '../../src/core/report.js';
import {planOnly} from '../../src/engine/run.js';
import type {Level} from '../../src/core/types.js';
import {failingReport} from '../github/reports.js';

const PATHS = {report: '/work/reports/shipcheck.json', sarif: '/work/shipcheck.sarif'};

async function plan(env: NodeJS.ProcessEnv): Promise<string> {
  return planOnly(scanRequest(readInputs({INPUT_URL: 'https://shop.example.com/', ...env}), {}, PATHS.report));
}

describe('the scan the Action runs', () => {
  it('sends look-alikes of the trusted-origins input, never the trusted origins themselves', async () => {
    const text = await plan({'INPUT_TRUSTED-ORIGINS': 'https://admin.example.net\nhttps://partner.example.org:8443'});
    expect(text).toContain('GET https://shop.example.com/ with Origin: https://admin.example.net.shipcheck-attacker.example\n');
    expect(text).toContain('GET https://shop.example.com/ with Origin: http://partner.example.org:8443\n');
    expect(text).not.toMatch(/Origin: https:\/\/(?:admin\.example\.net|partner\.example\.org:8443)\n/);
  });

  it('sends none without the input', async () => {
    expect(await plan({})).not.toMatch(/admin\.example\.net|partner\.example\.org/);
  });
});

/** failingReport (hsts and csp fail, x-content-type-options passes) at these levels, its verdict recomputed. */
function atLevels(levels: Readonly<Record<string, Level>>): Report {
  const base = failingReport();
  const targets = base.targets.map((t) => ({...t, results: t.results.map((r) => ({...r, level: levels[r.id] ?? r.level}))}));
  return {...base, targets, summary: summarize(targets), passed: !targets.some((t) => t.results.some(isBlocking))};
}

describe('the step outputs', () => {
  it('count a failure at level warn as a warning, not as failed', () => {
    const report = atLevels({csp: 'warn'});
    expect(report.summary.fail).toBe(2);
    expect(stepOutputs(report, PATHS)).toEqual({
      passed: 'false',
      failed: '1',
      warnings: '1',
      'report-path': PATHS.report,
      'sarif-path': PATHS.sarif,
    });
  });

  it('report no failure when nothing gates', () => {
    expect(stepOutputs(atLevels({hsts: 'warn', csp: 'warn'}), PATHS)).toMatchObject({passed: 'true', failed: '0', warnings: '2'});
  });
});
