/** Small hand-built reports for the GitHub tests: one passing, one failing, one too long for a comment. */
import {SCHEMA_VERSION, isBlocking, summarize, type CheckResult, type Report, type TargetReport} from '../../src/core/report.js';

export const TARGET = 'https://preview.example.test/';

function result(id: string, status: CheckResult['status'], messages: readonly string[] = []): CheckResult {
  return {
    id,
    family: 'headers',
    status,
    level: 'error',
    severity: 'medium',
    title: status === 'pass' ? `${id} is set` : `${id} is missing`,
    description: `Why ${id} matters.`,
    remediation: `nginx: \`add_header ${id} "…" always;\``,
    findings: messages.map((message, i) => ({messageId: 'missing', kind: 'fail', message, page: i === 0 ? '/' : `/page-${i}`, evidence: {}})),
  };
}

function report(results: readonly CheckResult[], startedAt = '2025-01-01T00:00:00.000Z'): Report {
  const targets: TargetReport[] = [{url: TARGET, durationMs: 1200, results}];
  const summary = summarize(targets);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: {name: 'shipcheck', version: '0.1.0'},
    startedAt,
    durationMs: 1250,
    targets,
    summary,
    expiredWaivers: [],
    passed: !results.some(isBlocking),
  };
}

export const passingReport = (): Report => report([result('hsts', 'pass'), result('csp', 'pass')]);

/** Two blocking failures; `startedAt` changes the rendered comment (its footer shows it). */
export const failingReport = (startedAt?: string): Report =>
  report(
    [
      result('hsts', 'fail', ['The response has no Strict-Transport-Security header.']),
      result('csp', 'fail', ['No CSP.']),
      result('x-content-type-options', 'pass'),
    ],
    startedAt,
  );

/** Far more findings than fit in one comment: ~150 checks with 40 findings of ~100 characters each. */
export const hugeReport = (): Report =>
  report(
    Array.from({length: 150}, (_, c) =>
      result(
        `check-${c}`,
        'fail',
        Array.from({length: 40}, (_, f) => `Finding ${f} of check ${c}: ${'the header value is weak and must change. '.repeat(2)}`),
      ),
    ),
  );

/** Fifteen blocking failures, more than GitHub shows annotations for. */
export const manyFailuresReport = (): Report => report(Array.from({length: 15}, (_, i) => result(`check-${i}`, 'fail', [`problem ${i}`])));
