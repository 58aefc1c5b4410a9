/**
 * The pull-request comment: verdict and counts at the top, what gates first with its fix, then the
 * warnings (everything that does not gate, see presented), passes folded away. Layout is
 * templates/comment.md; every piece of target text goes through markdownSafe or markdownCode. Too
 * long for a comment, it drops whole blocks (passes, then findings, then checks) and says what it
 * left out, so nothing is ever cut inside an escape or a `<details>`.
 */
import {createHash} from 'node:crypto';
import type {Report, ReportFinding} from '../core/report.js';
import {FAMILIES, type FindingKind, type Status} from '../core/types.js';
import {markdownCode, markdownSafe} from './escape.js';
import {
  byUrgency,
  entries,
  failureReasons,
  gateNotes,
  notices,
  onlyInTable,
  operationRow,
  plural,
  presented,
  presentedCounts,
  seconds,
  type Entry,
} from './results.js';
import {fillTemplate} from './template.js';

/** GitHub rejects comment bodies over 65,536 characters; the rest is headroom for the poster. */
export const COMMENT_MAX_LENGTH = 60_000;

export interface MarkdownOptions {
  /** Upper bound on the output's length in characters (default COMMENT_MAX_LENGTH). */
  readonly maxLength?: number;
  /** The key of the hidden marker on line 1 (default: a hash of the target URLs). */
  readonly marker?: string;
}

/**
 * The hidden first line a poster finds its own comment by (GitHub forbids Actions tokens to ask who
 * they are). The key keeps only characters that cannot end the HTML comment.
 */
export function commentMarker(key: string): string {
  return `<!-- shipcheck:${key.replace(/[^A-Za-z0-9._:/-]/g, '_').slice(0, 100)} -->`;
}

/** The same targets give the same key, whatever order the config lists them in. */
function targetsKey(report: Report): string {
  const urls = report.targets.map((t) => t.url).sort();
  return createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 16);
}

const ICON: Record<Status, string> = {pass: '✅', fail: '❌', warn: '⚠️', error: '❔', skipped: '⏭️'};
const KIND_ICON: Partial<Record<FindingKind, string>> = {warn: '⚠️ ', error: '❔ ', info: 'ℹ️ '};

/** How much of the report a rendering shows; the full report has no limit. */
interface Limits {
  /** Show the folded list of passing and skipped checks, and the baseline's resolved findings. */
  readonly lists: boolean;
  /** Findings shown in all, counted in order from the most urgent check. */
  readonly findings: number;
  /** Failing, warning and inconclusive checks shown. */
  readonly checks: number;
}

const FULL: Limits = {lists: true, findings: Infinity, checks: Infinity};

interface Omitted {
  lists: number;
  findings: number;
  checks: number;
}

function verdict(report: Report): string {
  if (report.passed) return '✅ shipcheck passed';
  const reasons = failureReasons(report);
  return `❌ shipcheck failed${reasons.length > 0 ? `: ${reasons.join(', ')}` : ''}`;
}

function targetLines(report: Report): string {
  return report.targets
    .map((t) => {
      const parts = [`**Target** ${markdownCode(t.url)}`];
      if (t.tlsGrade) {
        const caps = t.tlsGrade.caps.length > 0 ? ` (${markdownSafe(t.tlsGrade.caps.join('; '))})` : '';
        parts.push(`TLS grade **${markdownSafe(t.tlsGrade.grade)}**${caps}`);
      }
      parts.push(`${plural(t.results.length, 'check')} in ${seconds(t.durationMs)}`);
      if (t.unreachable) parts.push(`**unreachable**: ${markdownSafe(t.unreachable.message)}`);
      const lines = notices(t).map((n) => `${n.gates ? '❌' : '⚠️'} **${n.label}:** ${markdownSafe(n.text)} (${n.consequence})`);
      return [parts.join(' · '), ...lines].join('  \n');
    })
    .join('  \n');
}

function expiredWaivers(report: Report): string {
  if (report.expiredWaivers.length === 0) return '';
  const lines = report.expiredWaivers.map((w) => {
    const where = w.target ? ` on ${markdownCode(w.target)}` : '';
    return `> **Waiver for ${markdownCode(w.check)}${where} expired on ${markdownSafe(w.expires)}** (${markdownSafe(w.reason)}): it fails the run until it is renewed or removed in the config.`;
  });
  return ['> [!CAUTION]', ...lines.flatMap((l, i) => (i === 0 ? [l] : ['>', l]))].join('\n');
}

/** Counted as the results read: failed and inconclusive (side by side) gate, warnings do not. */
function counts(report: Report): string {
  const results = report.targets.flatMap((t) => t.results);
  const rows = FAMILIES.flatMap((family) => {
    const rs = results.filter((r) => r.family === family);
    if (rs.length === 0) return [];
    const c = presentedCounts(rs);
    return [`| ${family} | ${[c.pass, c.fail, c.error, c.warn, c.skipped].join(' | ')} |`];
  });
  const m = presentedCounts(results);
  return [
    '| Family | ✅ Passed | ❌ Failed | ❔ Inconclusive | ⚠️ Warnings | ⏭️ Skipped |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| **All** | ${[m.pass, m.fail, m.error, m.warn, m.skipped].map((n) => `**${n}**`).join(' | ')} |`,
  ].join('\n');
}

function finding(f: ReportFinding): string {
  const page = f.page ? `${markdownCode(f.page, 120)} ` : '';
  return `- ${KIND_ICON[f.kind] ?? ''}${page}${markdownSafe(f.message)}`;
}

/** One failing, warning or inconclusive check; `budget` is how many of its findings to show. */
function problem(e: Entry, several: boolean, budget: number): string {
  const r = e.result;
  const on = several ? ` on ${markdownCode(e.target.url)}` : '';
  const notes = gateNotes(r).map((n) => (n === 'blocking' ? '**blocking**' : markdownSafe(n)));
  const head = [`**${ICON[presented(r)]} ${markdownSafe(r.title)}**${on}`, markdownCode(r.id), `severity ${markdownSafe(r.severity)}`, ...notes].join(
    ' · ',
  );
  const kept = r.findings.slice(0, budget);
  const shown = kept.filter((f) => !onlyInTable(f)).map(finding);
  const hidden = r.findings.length - kept.length;
  if (hidden > 0) shown.push(`- … ${hidden} more ${hidden === 1 ? 'finding' : 'findings'} not shown`);
  const fix = r.status === 'error' ? [] : ['', `**Fix:** ${oneLine(r.remediation)}`];
  return [head, ...shown, ...operationTable(kept), ...fix].join('\n');
}

const OUTCOME_LABEL: Readonly<Record<string, string>> = {
  open: '❌ open',
  inconclusive: '❔ inconclusive',
  refused: '✅ refused',
  'not-probed': '⏭️ not probed',
};

/** The operations among the findings (auth-openapi) as one compact table. */
function operationTable(findings: readonly ReportFinding[]): string[] {
  const rows = findings.flatMap((f) => {
    const row = operationRow(f);
    return row
      ? [`| ${markdownSafe(row.operation, 200)} | ${OUTCOME_LABEL[row.outcome] ?? markdownSafe(row.outcome)} | ${markdownSafe(row.answers, 300)} |`]
      : [];
  });
  if (rows.length === 0) return [];
  return ['', '| Operation | Result | Answers without valid credentials |', '| --- | --- | --- |', ...rows];
}

/** Check metadata is Markdown we wrote; it only has to stay on one line of the comment. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function section(
  title: string,
  list: readonly Entry[],
  several: boolean,
  limits: Limits,
  omitted: Omitted,
  used: {findings: number; checks: number},
): string {
  if (list.length === 0) return '';
  const blocks = [`#### ${title} (${list.length})`];
  for (const e of list) {
    if (used.checks >= limits.checks) {
      omitted.checks++;
      omitted.findings += e.result.findings.length;
      continue;
    }
    used.checks++;
    const budget = Math.max(0, Math.min(e.result.findings.length, limits.findings - used.findings));
    used.findings += budget;
    omitted.findings += e.result.findings.length - budget;
    blocks.push(problem(e, several, budget));
  }
  return blocks.join('\n\n');
}

function passes(list: readonly Entry[], several: boolean, limits: Limits, omitted: Omitted): string {
  if (list.length === 0) return '';
  if (!limits.lists) {
    omitted.lists += list.length;
    return '';
  }
  const passed = list.filter((e) => presented(e.result) === 'pass').length;
  const summary = `✅ ${passed} passed · ⏭️ ${list.length - passed} skipped`;
  const lines = list.map((e) => {
    const on = several ? ` on ${markdownCode(e.target.url)}` : '';
    return `- ${ICON[presented(e.result)]} ${markdownSafe(e.result.title)} · ${markdownCode(e.result.id)}${on}`;
  });
  // GitHub renders Markdown inside <details> only after a blank line.
  return [`<details>\n<summary>${summary}</summary>`, '', ...lines, '', '</details>'].join('\n');
}

function waivers(all: readonly Entry[], several: boolean): string {
  const waived = all.flatMap((e) => (e.result.waiver && !e.result.waiver.expired ? [{...e, waiver: e.result.waiver}] : []));
  if (waived.length === 0) return '';
  const lines = waived.map(({target, result: r, waiver: w}) => {
    const on = several ? ` on ${markdownCode(target.url)}` : '';
    return `- ${markdownCode(r.id)}${on} (${markdownSafe(r.status)}): ${markdownSafe(w.reason)}, until ${markdownSafe(w.expires)}`;
  });
  return [`#### Waived (${waived.length})`, '', ...lines].join('\n');
}

function baseline(report: Report, limits: Limits, omitted: Omitted): string {
  const b = report.baseline;
  if (!b) return '';
  const head = `#### Baseline\nCompared with ${markdownCode(b.file)} from ${markdownSafe(b.startedAt)}: **${b.new.length} new** failing ${b.new.length === 1 ? 'finding' : 'findings'}, **${b.resolved.length} resolved**. Known failures do not gate.`;
  if (b.resolved.length === 0) return head;
  if (!limits.lists) {
    omitted.lists += b.resolved.length;
    return head;
  }
  const several = report.targets.length > 1;
  const lines = b.resolved.map((f) => {
    const on = several ? ` on ${markdownCode(f.url)}` : '';
    const page = f.page ? ` ${markdownCode(f.page, 120)}` : '';
    return `- ${markdownCode(f.id)}${on}${page}: ${markdownSafe(f.message)}`;
  });
  return [head, '', '<details>\n<summary>Resolved since the baseline</summary>', '', ...lines, '', '</details>'].join('\n');
}

function truncationNote(omitted: Omitted, maxLength: number): string {
  const parts: string[] = [];
  if (omitted.checks > 0) parts.push(plural(omitted.checks, 'failing or warning check'));
  if (omitted.findings > 0) parts.push(plural(omitted.findings, 'finding'));
  if (omitted.lists > 0) parts.push(`the list of ${plural(omitted.lists, 'passing, skipped or resolved item')}`);
  if (parts.length === 0) return '';
  return `> ✂️ **Shortened to stay under ${maxLength.toLocaleString('en-US')} characters**: ${parts.join(', ')} not shown. The JSON report (\`--output\`) has everything.`;
}

function render(report: Report, marker: string, maxLength: number, limits: Limits): string {
  const all = entries(report);
  const several = report.targets.length > 1;
  const gating = all.filter((e) => presented(e.result) === 'fail' || presented(e.result) === 'error').sort(byUrgency);
  const warnings = all.filter((e) => presented(e.result) === 'warn').sort(byUrgency);
  const rest = all.filter((e) => presented(e.result) === 'pass' || presented(e.result) === 'skipped');
  const omitted: Omitted = {lists: 0, findings: 0, checks: 0};
  const used = {findings: 0, checks: 0};
  const text = fillTemplate('comment.md', {
    marker: commentMarker(marker),
    verdict: verdict(report),
    targets: targetLines(report),
    expiredWaivers: expiredWaivers(report),
    counts: counts(report),
    failures: section('❌ Failed', gating, several, limits, omitted, used),
    problems: section('⚠️ Warnings, not gating', warnings, several, limits, omitted, used),
    passes: passes(rest, several, limits, omitted),
    waivers: waivers(all, several),
    baseline: baseline(report, limits, omitted),
    footer: `<sub>shipcheck ${markdownSafe(report.tool.version)} · started ${markdownSafe(report.startedAt)} · ${seconds(report.durationMs)}</sub>`,
    truncation: truncationNote(omitted, maxLength),
  });
  // Empty sections leave runs of blank lines; target text never holds a newline, so this is layout only.
  return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/**
 * The largest n in [0, max] for which fits(n), assuming fewer is never longer; undefined when even
 * 0 does not fit.
 */
function largestFitting(max: number, fits: (n: number) => boolean): number | undefined {
  if (!fits(0)) return undefined;
  let lo = 0;
  let hi = max + 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The report as a GitHub comment, at most `maxLength` characters: when the full report is longer it
 * drops the folded lists first, then findings from the least urgent checks up, then whole checks,
 * and ends with a note of what it left out. (A limit smaller than the verdict, targets and counts
 * alone cannot be met; that minimal comment is returned.)
 */
export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? COMMENT_MAX_LENGTH;
  const marker = options.marker ?? targetsKey(report);
  const at = (limits: Limits): string => render(report, marker, maxLength, limits);
  const fits = (limits: Limits): boolean => at(limits).length <= maxLength;
  const full = at(FULL);
  if (full.length <= maxLength) return full;
  const noLists: Limits = {...FULL, lists: false};
  if (fits(noLists)) return at(noLists);
  const problems = entries(report).filter(({result: r}) => presented(r) !== 'pass' && presented(r) !== 'skipped');
  const totalFindings = problems.reduce((n, e) => n + e.result.findings.length, 0);
  const findings = largestFitting(totalFindings, (n) => fits({...noLists, findings: n}));
  if (findings !== undefined) return at({...noLists, findings});
  const checks = largestFitting(problems.length, (n) => fits({...noLists, findings: 0, checks: n})) ?? 0;
  return at({...noLists, findings: 0, checks});
}
