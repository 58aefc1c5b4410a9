/**
 * One self-contained HTML file a person opens in a browser: verdict, counts, each target's checks by
 * family (failures first, with findings, evidence and the fix), waivers and baseline. Layout and CSS
 * are templates/report.html; its Content-Security-Policy allows inline styles and nothing else, so
 * even an escaping mistake could neither run script nor load anything. Every string of the report
 * goes through htmlEscape.
 */
import type {CheckResult, Counts, Report, ReportFinding, TargetReport} from '../core/report.js';
import {FAMILIES, type Status} from '../core/types.js';
import {htmlEscape, truncate} from './escape.js';
import {byUrgency, gateNotes, plural, seconds} from './results.js';
import {fillTemplate} from './template.js';

const STATUS_ORDER: readonly Status[] = ['fail', 'error', 'warn', 'pass', 'skipped'];
const TEXT_MAX = 2000;

const esc = (text: string, max = TEXT_MAX): string => htmlEscape(truncate(text, max));
/** Counts and enums too: a saved report given to `shipcheck report` may have been edited by anyone. */
const num = (value: number | string): string => esc(String(value), 20);

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

function check(r: CheckResult): string {
  const status = esc(r.status, 20);
  const head = `<h4><span class="badge ${status}">${esc(r.status.toUpperCase(), 20)}</span>${esc(r.title, 300)} <code>${esc(r.id, 100)}</code></h4>`;
  if (r.status === 'pass' || r.status === 'skipped') return `<article class="check ${status}">${head}</article>`;
  // gateNotes names a level other than error itself ("level warn: does not gate").
  const level = r.level === 'error' ? ['level error'] : [];
  const tags = [`severity ${esc(r.severity)}`, ...level, ...gateNotes(r).map((n) => esc(n))].map((t) =>
    t === 'blocking' ? '<span class="blocking">blocking</span>' : `<span>${t}</span>`,
  );
  const findings = r.findings.length > 0 ? `<ul class="findings">${r.findings.map(finding).join('')}</ul>` : '';
  const fix = r.status === 'error' ? '' : `<p class="fix"><strong>Fix:</strong> ${inlineMarkdown(r.remediation)}</p>`;
  return [
    `<article class="check ${status}">`,
    head,
    `<p class="tags">${tags.join('')}</p>`,
    findings,
    fix,
    `<details><summary>Why it matters</summary><p>${inlineMarkdown(r.description)}</p></details>`,
    '</article>',
  ].join('\n');
}

/** Failures, then inconclusive, warnings, passes, skipped; gating and severe first within each. */
function ordered(results: readonly CheckResult[], target: TargetReport): CheckResult[] {
  return [...results]
    .map((result) => ({target, result}))
    .sort((a, b) => STATUS_ORDER.indexOf(a.result.status) - STATUS_ORDER.indexOf(b.result.status) || byUrgency(a, b))
    .map((e) => e.result);
}

function targetSection(t: TargetReport): string {
  const facts = [plural(t.results.length, 'check'), seconds(t.durationMs)];
  if (t.tlsGrade) facts.unshift(`<span class="${gradeClass(t.tlsGrade.grade)}">TLS ${esc(t.tlsGrade.grade, 5)}</span>${t.tlsGrade.caps.length > 0 ? ` (${esc(t.tlsGrade.caps.join('; '))})` : ''}`);
  if (t.unreachable) facts.push(`<strong>unreachable:</strong> ${esc(t.unreachable.message)}`);
  const families = FAMILIES.flatMap((family) => {
    const rs = t.results.filter((r) => r.family === family);
    if (rs.length === 0) return [];
    const failing = rs.filter((r) => r.status === 'fail').length;
    const note = `${plural(rs.length, 'check')}${failing > 0 ? `, ${failing} failed` : ''}`;
    return [`<section class="family">\n<h3>${family}<small>${note}</small></h3>\n${ordered(rs, t).map(check).join('\n')}\n</section>`];
  });
  return [`<section class="target">`, `<h2>Target <code>${esc(t.url, 500)}</code></h2>`, `<p class="facts">${facts.join(' · ')}</p>`, ...families, '</section>'].join('\n');
}

const cells = (c: Counts): string => [c.pass, c.fail, c.warn, c.error, c.skipped].map((v) => `<td>${num(v)}</td>`).join('');

function counts(report: Report): string {
  const rows = FAMILIES.flatMap((family) => {
    const c = report.summary.byFamily[family];
    return c ? [`<tr><td>${family}</td>${cells(c)}</tr>`] : [];
  });
  return [
    '<table class="counts">',
    '<thead><tr><th>Family</th><th>Passed</th><th>Failed</th><th>Warnings</th><th>Inconclusive</th><th>Skipped</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    `<tfoot><tr><td>All</td>${cells(report.summary)}</tr></tfoot>`,
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
        ? [`<tr><td><code>${esc(r.id, 100)}</code></td><td><code>${esc(t.url, 300)}</code></td><td>${esc(r.status)}</td><td>${esc(r.waiver.reason)}</td><td>${esc(r.waiver.expires, 30)}</td></tr>`]
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
          .map((f) => `<li><code>${esc(f.id, 100)}</code> <code>${esc(f.url, 300)}</code>${f.page ? ` <code>${esc(f.page, 200)}</code>` : ''}: ${esc(f.message)}</li>`)
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
  const m = report.summary;
  const expired = report.expiredWaivers.length;
  const verdict = report.passed
    ? 'passed'
    : `failed: ${num(m.blocking)} blocking${expired > 0 ? `, ${plural(expired, 'expired waiver')}` : ''}`;
  const urls = report.targets.map((t) => `<code>${esc(t.url, 500)}</code>`).join(', ');
  return fillTemplate('report.html', {
    title: esc(`shipcheck ${report.passed ? 'passed' : 'failed'}: ${report.targets.map((t) => t.url).join(', ')}`, 300),
    verdictClass: report.passed ? 'passed' : 'failed',
    verdict: `shipcheck ${verdict}`,
    summary: `${urls} · ${num(m.total)} checks: ${num(m.fail)} failed, ${num(m.warn)} warnings, ${num(m.error)} inconclusive, ${num(m.pass)} passed, ${num(m.skipped)} skipped`,
    expiredWaivers: expiredWaivers(report),
    counts: counts(report),
    targets: report.targets.map(targetSection).join('\n'),
    waivers: waivers(report),
    baseline: baseline(report),
    footer: `shipcheck ${esc(report.tool.version, 40)} · started ${esc(report.startedAt, 40)} · ${seconds(report.durationMs)}`,
  });
}
