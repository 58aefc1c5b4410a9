/**
 * One self-contained HTML file a person opens in a browser: verdict, counts, each target's notices
 * and checks by family (what gates first, with findings, evidence and the fix; a failure that does
 * not gate reads as a warning, see presented), waivers and baseline. Layout and CSS are
 * templates/report.html; its Content-Security-Policy allows inline styles and nothing else, so even
 * an escaping mistake could neither run script nor load anything. Every string of the report goes
 * through htmlEscape.
 */
import type {CheckResult, Counts, Report, ReportFinding, TargetReport} from '../core/report.js';
import {FAMILIES, type Status} from '../core/types.js';
import {truncate} from '../core/text.js';
import {htmlEscape} from './escape.js';
import {byUrgency, failureReasons, gateNotes, notices, onlyInTable, operationRow, plural, presented, presentedCounts, seconds} from './results.js';
import {fillTemplate} from './template.js';

const STATUS_ORDER: readonly Status[] = ['fail', 'error', 'warn', 'pass', 'skipped'];
const TEXT_MAX = 2000;

const esc = (text: string, max = TEXT_MAX): string => htmlEscape(truncate(text, max));

/**
 * Check descriptions and remediations are Markdown with code spans and links; render just those,
 * after escaping, and only https links.
 */
function inlineMarkdown(md: string): string {
  return md
    .split(/(`[^`]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? `<code>${esc(part.slice(1, -1))}</code>`
        : esc(part).replace(/\[([^\]]+)\]\((https:\/\/[^\s)]+)\)/g, '<a href="$2" rel="noreferrer">$1</a>'),
    )
    .join('');
}

function gradeClass(grade: string): string {
  if (grade.startsWith('A')) return 'grade';
  return grade === 'B' || grade === 'C' ? 'grade low' : 'grade bad';
}

function evidence(f: ReportFinding): string {
  const pairs = Object.entries(f.evidence);
  if (pairs.length === 0) return '';
  return `<span class="evidence">${pairs.map(([k, v]) => `${esc(k, 100)}: ${esc(String(v), 300)}`).join(' · ')}</span>`;
}

function finding(f: ReportFinding): string {
  const kind = f.kind === 'fail' ? '' : `<span class="kind">${esc(f.kind)}</span> `;
  const page = f.page ? `<code>${esc(f.page, 200)}</code> ` : '';
  return `<li>${kind}${page}${esc(f.message)}${evidence(f)}</li>`;
}

/** The operations among the findings (auth-openapi) as one compact table. */
function operationTable(findings: readonly ReportFinding[]): string {
  const rows = findings.flatMap((f) => {
    const row = operationRow(f);
    return row
      ? [
          `<tr><td><code>${esc(row.operation, 300)}</code></td><td class="${esc(row.outcome, 20)}">${esc(row.outcome.replace('-', ' '), 20)}</td><td>${esc(row.answers, 300)}</td></tr>`,
        ]
      : [];
  });
  if (rows.length === 0) return '';
  return `<table class="operations"><thead><tr><th>Operation</th><th>Result</th><th>Answers without valid credentials</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function check(r: CheckResult): string {
  const shown = presented(r);
  const status = esc(shown, 20);
  const head = `<h4><span class="badge ${status}">${esc(shown.toUpperCase(), 20)}</span>${esc(r.title, 300)} <code>${esc(r.id, 100)}</code></h4>`;
  if (shown === 'pass' || shown === 'skipped') return `<article class="check ${status}">${head}</article>`;
  const tags = [`severity ${esc(r.severity)}`, ...gateNotes(r).map((n) => esc(n))].map((t) =>
    t === 'blocking' ? '<span class="blocking">blocking</span>' : `<span>${t}</span>`,
  );
  const listed = r.findings.filter((f) => !onlyInTable(f));
  const findings = listed.length > 0 ? `<ul class="findings">${listed.map(finding).join('')}</ul>` : '';
  const fix = r.status === 'error' ? '' : `<p class="fix"><strong>Fix:</strong> ${inlineMarkdown(r.remediation)}</p>`;
  return [
    `<article class="check ${status}">`,
    head,
    `<p class="tags">${tags.join('')}</p>`,
    findings,
    operationTable(r.findings),
    fix,
    `<details><summary>Why it matters</summary><p>${inlineMarkdown(r.description)}</p></details>`,
    '</article>',
  ].join('\n');
}

/** As they read: failures, then inconclusive, warnings, passes, skipped; severe first within each. */
function ordered(results: readonly CheckResult[], target: TargetReport): CheckResult[] {
  return [...results]
    .map((result) => ({target, result}))
    .sort((a, b) => STATUS_ORDER.indexOf(presented(a.result)) - STATUS_ORDER.indexOf(presented(b.result)) || byUrgency(a, b))
    .map((e) => e.result);
}

function targetSection(t: TargetReport): string {
  const facts = [plural(t.results.length, 'check'), seconds(t.durationMs)];
  if (t.tlsGrade)
    facts.unshift(
      `<span class="${gradeClass(t.tlsGrade.grade)}">TLS ${esc(t.tlsGrade.grade, 5)}</span>${t.tlsGrade.caps.length > 0 ? ` (${esc(t.tlsGrade.caps.join('; '))})` : ''}`,
    );
  if (t.unreachable) facts.push(`<strong>unreachable:</strong> ${esc(t.unreachable.message)}`);
  const notes = notices(t).map(
    (n) => `<p class="notice${n.gates ? '' : ' warn'}"><strong>${n.label}:</strong> ${esc(n.text)} (${n.consequence})</p>`,
  );
  const families = FAMILIES.flatMap((family) => {
    const rs = t.results.filter((r) => r.family === family);
    if (rs.length === 0) return [];
    const failing = presentedCounts(rs).fail;
    const note = `${plural(rs.length, 'check')}${failing > 0 ? `, ${failing} failed` : ''}`;
    return [`<section class="family">\n<h3>${family}<small>${note}</small></h3>\n${ordered(rs, t).map(check).join('\n')}\n</section>`];
  });
  return [
    `<section class="target">`,
    `<h2>Target <code>${esc(t.url, 500)}</code></h2>`,
    `<p class="facts">${facts.join(' · ')}</p>`,
    ...notes,
    ...families,
    '</section>',
  ].join('\n');
}

const cells = (c: Counts): string => [c.pass, c.fail, c.error, c.warn, c.skipped].map((v) => `<td>${v}</td>`).join('');

/** Counted as the results read: failed and inconclusive (side by side) gate, warnings do not. */
function counts(report: Report): string {
  const results = report.targets.flatMap((t) => t.results);
  const rows = FAMILIES.flatMap((family) => {
    const rs = results.filter((r) => r.family === family);
    return rs.length > 0 ? [`<tr><td>${family}</td>${cells(presentedCounts(rs))}</tr>`] : [];
  });
  return [
    '<table class="counts">',
    '<thead><tr><th>Family</th><th>Passed</th><th>Failed</th><th>Inconclusive</th><th>Warnings (not gating)</th><th>Skipped</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    `<tfoot><tr><td>All</td>${cells(presentedCounts(results))}</tr></tfoot>`,
    '</table>',
  ].join('\n');
}

function expiredWaivers(report: Report): string {
  if (report.expiredWaivers.length === 0) return '';
  const items = report.expiredWaivers.map((w) => {
    const where = w.target ? ` on <code>${esc(w.target, 300)}</code>` : '';
    return `<p><strong>Waiver for <code>${esc(w.check, 100)}</code>${where} expired on ${esc(w.expires, 30)}</strong> (${esc(w.reason)}): it fails the run until it is renewed or removed in the config.</p>`;
  });
  return `<div class="callout">\n${items.join('\n')}\n</div>`;
}

function waivers(report: Report): string {
  const rows = report.targets.flatMap((t) =>
    t.results.flatMap((r) =>
      r.waiver && !r.waiver.expired
        ? [
            `<tr><td><code>${esc(r.id, 100)}</code></td><td><code>${esc(t.url, 300)}</code></td><td>${esc(r.status)}</td><td>${esc(r.waiver.reason)}</td><td>${esc(r.waiver.expires, 30)}</td></tr>`,
          ]
        : [],
    ),
  );
  if (rows.length === 0) return '';
  return `<h2>Waived</h2>\n<table>\n<thead><tr><th>Check</th><th>Target</th><th>Status</th><th>Reason</th><th>Until</th></tr></thead>\n<tbody>${rows.join('')}</tbody>\n</table>`;
}

function baseline(report: Report): string {
  const b = report.baseline;
  if (!b) return '';
  const list = (title: string, refs: typeof b.new): string =>
    refs.length === 0
      ? ''
      : `<h3>${title} (${refs.length})</h3>\n<ul class="findings">${refs
          .map(
            (f) =>
              `<li><code>${esc(f.id, 100)}</code> <code>${esc(f.url, 300)}</code>${f.page ? ` <code>${esc(f.page, 200)}</code>` : ''}: ${esc(f.message)}</li>`,
          )
          .join('')}</ul>`;
  return [
    '<h2>Baseline</h2>',
    `<p>Compared with <code>${esc(b.file, 300)}</code> from ${esc(b.startedAt, 40)}: ${b.new.length} new failing findings, ${b.resolved.length} resolved. Known failures do not gate.</p>`,
    list('New since the baseline', b.new),
    list('Resolved since the baseline', b.resolved),
  ].join('\n');
}

/** The report as one HTML page with no external requests and no script. */
export function formatHtml(report: Report): string {
  const results = report.targets.flatMap((t) => t.results);
  const m = presentedCounts(results);
  const reasons = report.passed ? [] : failureReasons(report);
  const verdict = `${report.passed ? 'passed' : 'failed'}${reasons.length > 0 ? `: ${reasons.join(', ')}` : ''}`;
  const urls = report.targets.map((t) => `<code>${esc(t.url, 500)}</code>`).join(', ');
  return fillTemplate('report.html', {
    title: esc(`shipcheck ${report.passed ? 'passed' : 'failed'}: ${report.targets.map((t) => t.url).join(', ')}`, 300),
    verdictClass: report.passed ? 'passed' : 'failed',
    verdict: `shipcheck ${verdict}`,
    summary: `${urls} · ${results.length} checks: ${m.fail} failed, ${m.error} inconclusive, ${m.warn} warnings (not gating), ${m.pass} passed, ${m.skipped} skipped`,
    expiredWaivers: expiredWaivers(report),
    counts: counts(report),
    targets: report.targets.map(targetSection).join('\n'),
    waivers: waivers(report),
    baseline: baseline(report),
    footer: `shipcheck ${esc(report.tool.version, 40)} · started ${esc(report.startedAt, 40)} · ${seconds(report.durationMs)}`,
  });
}
