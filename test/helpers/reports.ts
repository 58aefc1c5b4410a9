/**
 * Reports for formatter tests: the real one `shipcheck demo --json` wrote (test/fixtures), and small
 * ones built from one passing baseline result that each test changes where it matters.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {summarize, type CheckResult, type Report, type ReportFinding, type TargetReport} from '../../src/core/report.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** The demo target's report: 28 checks, 11 failed (10 blocking), 6 warnings, TLS grade A. */
export function demoReport(): Report {
  return JSON.parse(readFileSync(join(FIXTURES, 'report-demo.json'), 'utf8')) as Report;
}

export function finding(over: Partial<ReportFinding> = {}): ReportFinding {
  return {messageId: 'missing', kind: 'fail', message: 'The response has no Strict-Transport-Security header.', page: '/', evidence: {}, ...over};
}

export function result(over: Partial<CheckResult> = {}): CheckResult {
  return {
    id: 'hsts',
    family: 'hsts',
    status: 'fail',
    level: 'error',
    severity: 'high',
    title: 'HTTPS is not enforced with HSTS',
    description: 'Without HSTS a first visit can be downgraded. [MDN](https://developer.mozilla.org/docs/Web/HTTP/Headers/Strict-Transport-Security)',
    remediation: 'nginx: `add_header Strict-Transport-Security "max-age=63072000" always;`',
    findings: [finding()],
    ...over,
  };
}

export function target(results: readonly CheckResult[], over: Partial<TargetReport> = {}): TargetReport {
  return {url: 'https://app.example.com/', durationMs: 420, results, ...over};
}

/**
 * A report whose summary and verdict follow from its targets as the report's contract says: nothing
 * gates, no waiver has expired, and every target was judged.
 */
export function report(targets: readonly TargetReport[], over: Partial<Report> = {}): Report {
  const summary = summarize(targets);
  const expiredWaivers = over.expiredWaivers ?? [];
  return {
    schemaVersion: 1,
    tool: {name: 'shipcheck', version: '0.1.0'},
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 500,
    targets,
    summary,
    expiredWaivers,
    passed: summary.blocking === 0 && expiredWaivers.length === 0 && targets.every((t) => t.notJudged === undefined),
    ...over,
  };
}

/**
 * Target text that tries every trick a finding message could play on a PR comment, an HTML page,
 * an XML file or a terminal.
 */
export const HOSTILE =
  'Server: <script>alert(1)</script> "><img src=x onerror=alert(2)> [click](https://evil.example/x) ![t](https://evil.example/t.png) ' +
  '@octocat @org/team #123 GH-45 owner/repo#7 deadbeef1234567 www.evil.example https://evil.example/p ' +
  '| a | b |\n# Heading\n```js\ncode\n``` <!-- shipcheck:spoof --> &amp; \u001b[31mred\u001b]0;title\u0007 \u202eevil\u2066 \u0000\u0008\u000b\u009b \ud800 end';
