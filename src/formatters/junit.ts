/**
 * JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure): one `<testsuite>` per
 * target, one `<testcase>` per check, read as every format reads it (see presented). A failed check
 * that gates is a `<failure>`, an inconclusive one that gates an `<error>`, a skipped or switched-off
 * one `<skipped/>`; whatever does not gate (a warning, a failure at level warn, waived or known in the
 * baseline) passes with its findings in `<system-out>`, so a CI never counts it as a failed test. A
 * target that no check at level error could judge gets one more test case, an `<error>`. Checks take
 * no time of their own (the probes do), so only suites carry a time.
 */
import type {CheckResult, Report, TargetReport} from '../core/report.js';
import {truncate} from '../core/text.js';
import {xmlEscape} from './escape.js';
import {gateNotes, presented} from './results.js';

type Outcome = 'failure' | 'error' | 'skipped' | 'passed';

function outcome(r: CheckResult): Outcome {
  switch (presented(r)) {
    case 'skipped':
      return 'skipped';
    case 'fail':
      return 'failure';
    case 'error':
      return 'error';
    default:
      return 'passed';
  }
}

const time = (ms: number): string => (ms / 1000).toFixed(3);

/** The findings as lines: page, message; then the notes on gating and the fix. */
function details(r: CheckResult): string {
  const lines = r.findings.map((f) => `[${f.kind}] ${f.page ? `${f.page}: ` : ''}${f.message}`);
  const notes = gateNotes(r);
  if (notes.length > 0) lines.push(`(${notes.join('; ')})`);
  if (r.status !== 'error') lines.push(`Fix: ${r.remediation}`);
  // Real newlines between lines keep the file readable; xmlEscape turns any inside a line into &#10;.
  return lines.map((line) => xmlEscape(line)).join('\n');
}

function testcase(r: CheckResult): string {
  const open = `    <testcase classname="shipcheck.${xmlEscape(r.family)}" name="${xmlEscape(`${r.id}: ${r.title}`)}" time="0"`;
  // The attribute is the one-line summary CI systems list; the element holds every finding.
  const first = truncate(r.findings[0]?.message ?? r.title, 300);
  switch (outcome(r)) {
    case 'failure':
      return `${open}>\n      <failure message="${xmlEscape(first)}" type="${xmlEscape(r.severity)}">${details(r)}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error message="${xmlEscape(first)}" type="inconclusive">${details(r)}</error>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped message="${xmlEscape(r.level === 'off' ? 'level off' : first)}"/>\n    </testcase>`;
    default:
      return r.status === 'pass' ? `${open}/>` : `${open}>\n      <system-out>${details(r)}</system-out>\n    </testcase>`;
  }
}

/** A target that no check at level error could judge fails closed: one more test case, an error. */
function notJudgedCase(reason: string): string {
  return [
    '    <testcase classname="shipcheck.target" name="judged: a check at level error reached a verdict" time="0">',
    `      <error message="${xmlEscape(truncate(reason, 300))}" type="not-judged">${xmlEscape(reason)}</error>`,
    '    </testcase>',
  ].join('\n');
}

interface Tally {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function tally(results: readonly CheckResult[], notJudged: number): Tally {
  const t: Tally = {tests: results.length + notJudged, failures: 0, errors: notJudged, skipped: 0};
  for (const r of results) {
    const o = outcome(r);
    if (o === 'failure') t.failures++;
    else if (o === 'error') t.errors++;
    else if (o === 'skipped') t.skipped++;
  }
  return t;
}

const counts = (t: Tally): string => `tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}"`;

function suite(target: TargetReport, timestamp: string): string {
  const props = [
    ...(target.tlsGrade ? [`      <property name="tls-grade" value="${xmlEscape(target.tlsGrade.grade)}"/>`] : []),
    ...(target.unreachable ? [`      <property name="unreachable" value="${xmlEscape(target.unreachable.message)}"/>`] : []),
    ...(target.certificateRejected !== undefined
      ? [`      <property name="certificate-rejected" value="${xmlEscape(target.certificateRejected)}"/>`]
      : []),
  ];
  const notJudged = target.notJudged !== undefined ? [notJudgedCase(target.notJudged)] : [];
  return [
    `  <testsuite name="${xmlEscape(target.url)}" ${counts(tally(target.results, notJudged.length))} time="${time(target.durationMs)}" timestamp="${xmlEscape(timestamp)}">`,
    ...(props.length > 0 ? ['    <properties>', ...props, '    </properties>'] : []),
    ...notJudged,
    ...target.results.map(testcase),
    '  </testsuite>',
  ].join('\n');
}

/** The report as JUnit XML (the common Ant/Surefire dialect). */
export function formatJunit(report: Report): string {
  const all = tally(
    report.targets.flatMap((t) => t.results),
    report.targets.filter((t) => t.notJudged !== undefined).length,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="shipcheck" ${counts(all)} time="${time(report.durationMs)}">`,
    ...report.targets.map((t) => suite(t, report.startedAt)),
    '</testsuites>',
    '',
  ].join('\n');
}
