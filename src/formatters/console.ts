/**
 * The human summary, sized for one screen: per target its notices and each shared cause said once,
 * then what gates (its findings folded, one fix for the detected stack), the warnings and the checks
 * that did not apply in a line each, the passes one line per family; at the end what gates again,
 * one line each, a verdict per target when there are several, and the counts. Every line wraps at
 * the width the caller gives, with a hanging indent.
 */
import {isBlocking, type CheckResult, type Report, type ReportFinding, type TargetReport, type TlsGrade} from '../core/report.js';
import {FAMILIES, STACKS, type Stack, type Status} from '../core/types.js';
import {terminalSafe} from './escape.js';
import {fixLines, type FixMode} from './fixes.js';
import {byUrgency, failureReasons, gateNotes, notices, plural, presented, presentedCounts, seconds} from './results.js';
import type {Style} from './style.js';
import {hanging} from './wrap.js';

/** What the caller decides for the console format besides colour. */
export interface ConsoleOptions {
  /** Columns to wrap at: the terminal's, else `COLUMNS`, else 80. */
  readonly width: number;
  readonly fixes: FixMode;
}

const DEFAULT_CONSOLE: ConsoleOptions = {width: 80, fixes: 'detected'};

/** Folded findings shown under a failure; the title counts them all when there are more. */
const MAX_FINDINGS = 1;
/** Checks a shared cause names by id; past this, by family. */
const MAX_CAUSE_IDS = 6;
/** Rows one finding may take: target text (a quoted body, a long path) is cut, our fixes never are. */
const MAX_FINDING_ROWS = 2;

const MARK: Record<Status, string> = {pass: '✔', fail: '✖', warn: '!', error: '?', skipped: '-'};

function paint(status: Status, text: string, s: Style): string {
  switch (status) {
    case 'pass':
      return s.green(text);
    case 'fail':
      return s.red(text);
    case 'warn':
      return s.yellow(text);
    case 'error':
      return s.magenta(text);
    default:
      return s.dim(text);
  }
}

/** "✖ fail  ": the mark and the status as a result reads, padded so that text after it lines up. */
const badge = (status: Status, s: Style): string => `${paint(status, `${MARK[status]} ${(status === 'skipped' ? 'skip' : status).padEnd(5)}`, s)} `;
/** Under a badge: details are indented a little, to leave their text the width. */
const DETAIL = ' '.repeat(4);

/** Markdown code spans read fine on a terminal without their backticks. */
const plain = (text: string): string => text.replace(/`([^`]*)`/g, '$1');

/** Target text on one line, escaped. */
const oneLine = (text: string): string => terminalSafe(text).replace(/\s+/g, ' ').trim();

/** Node's error code in a reason, "(ECONNREFUSED)" or ": ERR_SSL_…": the same code in several checks' reasons is one cause. */
const NODE_CODE = /\b(E[A-Z]{4,}|(?:ERR|HPE|CERT)_[A-Z0-9_]+)\b/;

/**
 * Why a check could not judge (the artifact's name taken off), and what tells that cause apart:
 * the reason itself, the probe's error code (a crash of ours excepted) and Node's error code in it.
 */
function causeOf(r: CheckResult): {reason: string; keys: string[]} | undefined {
  if (r.status !== 'error') return undefined;
  const f = r.findings.find((x) => x.kind === 'error');
  if (f === undefined) return undefined;
  const reason = f.message.replace(/^[A-Z][A-Za-z]+: /, '');
  const probe = f.evidence.code;
  const node = NODE_CODE.exec(f.message)?.[1];
  return {
    reason,
    keys: [reason, ...(typeof probe === 'string' && probe !== 'internal' ? [`probe:${probe}`] : []), ...(node ? [`node:${node}`] : [])],
  };
}

/** A result, or one cause that left several checks without a verdict (an unreachable target, a failed handshake). */
type Item = {readonly result: CheckResult} | {readonly cause: string; readonly results: readonly CheckResult[]};

interface Cause {
  readonly keys: ReadonlySet<string>;
  readonly reasons: readonly string[];
  readonly results: readonly CheckResult[];
}

/**
 * The target's results with each shared cause said once, causes first, then the results, those that
 * gate first and by severity. Every inconclusive check of an unreachable target shares its cause;
 * otherwise results share one when their reasons, probe error codes or Node error codes meet (a
 * plain-HTTP port on an https:// URL fails the pages, the handshakes and the probes alike). A cause
 * is said in its shortest reason.
 */
function items(t: TargetReport): Item[] {
  let causes: Cause[] = [];
  for (const r of t.results) {
    const c = t.unreachable && r.status === 'error' ? {reason: `unreachable: ${t.unreachable.message}`, keys: ['unreachable']} : causeOf(r);
    if (c === undefined) continue;
    const met = causes.filter((g) => c.keys.some((k) => g.keys.has(k)));
    causes = [
      ...causes.filter((g) => !met.includes(g)),
      {
        keys: new Set([...c.keys, ...met.flatMap((g) => [...g.keys])]),
        reasons: [...met.flatMap((g) => g.reasons), c.reason],
        results: [...met.flatMap((g) => g.results), r],
      },
    ];
  }
  const shared = causes.filter((g) => g.results.length > 1);
  const grouped = new Set(shared.flatMap((g) => g.results));
  // In report order: the results of each cause, and the causes by their first result.
  const first = (g: Cause): number => Math.min(...g.results.map((r) => t.results.indexOf(r)));
  const said = [...shared]
    .sort((a, b) => first(a) - first(b))
    .map((g) => ({cause: g.reasons.reduce((a, b) => (b.length < a.length ? b : a)), results: t.results.filter((r) => g.results.includes(r))}));
  const rest = t.results
    .filter((r) => !grouped.has(r))
    .map((result) => ({target: t, result}))
    .sort(byUrgency);
  return [...said, ...rest.map(({result}) => ({result}))];
}

/**
 * A failure's findings, folded: the same message id on one page is one line ("and 3 more like it"),
 * the same message on several pages one line that names them. Notes (info) are left to the full formats.
 */
function folded(findings: readonly ReportFinding[]): string[] {
  const byEndpoint = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    if (f.kind === 'info') continue;
    const key = `${f.page ?? ''}\u0000${f.messageId}`;
    byEndpoint.set(key, [...(byEndpoint.get(key) ?? []), f]);
  }
  const byMessage = new Map<string, {pages: string[]; like: number}>();
  for (const [first, ...rest] of byEndpoint.values()) {
    if (first === undefined) continue;
    const entry = byMessage.get(first.message) ?? {pages: [], like: 0};
    if (first.page !== undefined) entry.pages.push(first.page);
    entry.like += rest.length;
    byMessage.set(first.message, entry);
  }
  return [...byMessage].map(([message, {pages, like}]) => {
    const text = oneLine(message);
    // One page is named before the message unless the message names it already; several after it.
    const only = pages.length === 1 ? oneLine(pages[0] ?? '') : '';
    const where = only !== '' && only !== '/' && !text.includes(only) ? `${only}: ` : '';
    const on = pages.length > 1 ? ` (on ${pages.map(oneLine).join(', ')})` : '';
    return `${where}${text}${on}${like > 0 ? ` (and ${like} more like it)` : ''}`;
  });
}

interface Context {
  readonly s: Style;
  readonly options: ConsoleOptions;
}

/** Why a result that did not pass reads as it does: " (level warn)". The badge already says that a result gates. */
function notesOf(r: CheckResult): string {
  const notes = gateNotes(r).filter((n) => n !== 'blocking');
  return notes.length > 0 ? ` (${oneLine(notes.join('; '))})` : '';
}

/** A result that gates: its title, its findings folded, and its fix (none for an inconclusive one: nothing is known to be wrong). */
function gating(r: CheckResult, stacks: readonly Stack[], {s, options}: Context): string[] {
  const shown = presented(r);
  const found = folded(r.findings);
  // The full formats have every finding; here the count says that there are more.
  const count = found.length > MAX_FINDINGS ? ` · ${plural(found.length, 'finding')}` : '';
  const lines = hanging(badge(shown, s), `${r.title}${s.dim(` [${r.id}]${notesOf(r)}${count}`)}`, options.width);
  for (const text of found.slice(0, MAX_FINDINGS)) lines.push(...hanging(`${DETAIL}${s.dim('·')} `, text, options.width, MAX_FINDING_ROWS));
  if (r.status === 'fail') {
    const [first = '', ...others] = fixLines(r, stacks, options.fixes).map(plain);
    lines.push(...hanging(`${DETAIL}${s.dim('fix:')} `, first, options.width));
    for (const line of others) lines.push(...hanging(`${DETAIL}     `, line, options.width));
  }
  return lines;
}

/** One shared cause: said once, with the checks it left without a verdict. */
function cause(text: string, results: readonly CheckResult[], {s, options}: Context): string[] {
  const blocking = results.some(isBlocking);
  const head = `${oneLine(text)} — ${plural(results.length, 'check')} without a verdict`;
  // A few checks by id; more (every check of an unreachable target) by family, in a line or two.
  const which = results.length <= MAX_CAUSE_IDS ? results.map((r) => r.id) : FAMILIES.filter((f) => results.some((r) => r.family === f));
  return hanging(badge(blocking ? 'error' : 'warn', s), `${head}${s.dim(` [${which.join(', ')}]`)}`, options.width);
}

/** The ids of results that read as `status`, with why a failure reads as a warning: " (level warn)". */
const idsOf = (status: Status, results: readonly CheckResult[]): string[] =>
  results.filter((r) => presented(r) === status).map((r) => r.id + notesOf(r));

/** The passes of one family on one line. */
function passes(results: readonly CheckResult[], {s, options}: Context): string[] {
  return FAMILIES.flatMap((family) => {
    const ids = idsOf(
      'pass',
      results.filter((r) => r.family === family),
    );
    return ids.length === 0 ? [] : hanging(badge('pass', s), `${family}: ${s.dim(ids.join(', '))}`, options.width);
  });
}

/** Every result of one status (warnings that do not gate, checks that did not apply) in one line that wraps. */
function listed(status: 'warn' | 'skipped', results: readonly CheckResult[], {s, options}: Context): string[] {
  const ids = idsOf(status, results);
  return ids.length === 0 ? [] : hanging(badge(status, s), s.dim(ids.join(', ')), options.width);
}

/** The target's heading: URL, duration, TLS grade (and what capped it), the stacks seen. */
function heading(t: TargetReport, {s, options}: Context): string[] {
  const parts = [s.bold(terminalSafe(t.url)), s.dim(seconds(t.durationMs))];
  if (t.tlsGrade) {
    // Reports saved before grades named their checks have no cappedBy.
    const grade: Partial<TlsGrade> = t.tlsGrade;
    const by = [...new Set((grade.cappedBy ?? []).flatMap((c) => (c.check === undefined ? [] : [c.check])))];
    parts.push(`TLS grade ${s.bold(t.tlsGrade.grade)}${by.length > 0 ? s.dim(` (capped by ${by.join(', ')})`) : ''}`);
  }
  if (t.stacks && t.stacks.length > 0) parts.push(t.stacks.map((d) => STACKS[d.stack]).join(', '));
  return hanging('', parts.join(' · '), options.width);
}

function target(t: TargetReport, ctx: Context): string[] {
  const {s, options} = ctx;
  const lines = heading(t, ctx);
  for (const n of notices(t)) {
    const text = `${n.label}: ${oneLine(n.text)}`;
    lines.push(...hanging('  ', `${n.gates ? s.red(text) : s.yellow(text)}${s.dim(` (${n.consequence})`)}`, options.width));
  }
  const stacks = (t.stacks ?? []).map((d) => d.stack);
  const all = items(t);
  const results = all.flatMap((i) => ('result' in i ? [i.result] : []));
  for (const i of all) if ('cause' in i) lines.push(...cause(i.cause, i.results, ctx));
  for (const r of results.filter(isBlocking)) lines.push(...gating(r, stacks, ctx));
  lines.push(...listed('warn', results, ctx), ...passes(results, ctx), ...listed('skipped', results, ctx));
  return lines;
}

/** Whether one target passes: judged, whole, and nothing on it gates. */
const targetPasses = (t: TargetReport): boolean => !t.notRun && !t.interrupted && t.notJudged === undefined && !t.results.some(isBlocking);

/** Everything that gates, one line each; a shared cause once. Several targets: each line names its target. */
function recap(report: Report, {s, options}: Context): string[] {
  const many = report.targets.length > 1;
  const lines = report.targets.flatMap((t) => {
    const where = many ? `${terminalSafe(t.url)} ` : '';
    return items(t).flatMap((i) => {
      if ('result' in i)
        return isBlocking(i.result)
          ? hanging(badge(presented(i.result), s), `${where}${i.result.title}${s.dim(` [${i.result.id}]`)}`, options.width)
          : [];
      const blocking = i.results.filter(isBlocking);
      return blocking.length === 0
        ? []
        : hanging(badge('error', s), `${where}${oneLine(i.cause)} ${s.dim(`[${plural(blocking.length, 'check')}]`)}`, options.width);
    });
  });
  return lines.length === 0 ? [] : ['', s.bold('Blocking the release:'), ...lines];
}

/** One verdict line per target, when there are several. */
function verdicts(report: Report, {s, options}: Context): string[] {
  if (report.targets.length < 2) return [];
  return [
    '',
    ...report.targets.flatMap((t) => {
      const passed = targetPasses(t);
      const c = presentedCounts(t.results);
      const why = [t.notRun && 'not run', t.interrupted && 'interrupted', t.unreachable && 'unreachable', t.notJudged !== undefined && 'not judged'];
      const counts = [
        `${c.fail} failed`,
        `${c.error} inconclusive`,
        `${c.warn} warnings`,
        `${c.pass} passed`,
        ...why.filter((w) => typeof w === 'string'),
      ];
      const mark = passed ? s.green(`${MARK.pass} PASSED`) : s.red(`${MARK.fail} FAILED`);
      return hanging(`${mark} `, `${s.bold(terminalSafe(t.url))} ${s.dim(counts.join(' · '))}`, options.width);
    }),
  ];
}

/**
 * The console report. A result reads as it gates (see presented): only what gates is a red cross or
 * counted as failed. `options` says how wide to wrap and which fixes to show.
 */
export function formatConsole(report: Report, s: Style, options: ConsoleOptions = DEFAULT_CONSOLE): string {
  const ctx: Context = {s, options};
  const lines = report.targets.flatMap((t, i) => [...(i > 0 ? [''] : []), ...target(t, ctx)]);
  for (const w of report.expiredWaivers)
    lines.push(
      ...hanging(
        '',
        s.red(`Waiver for ${w.check} expired on ${w.expires} (${terminalSafe(w.reason)}): renew or remove it in the config.`),
        options.width,
      ),
    );
  if (report.baseline) {
    const b = report.baseline;
    const head = `Baseline ${terminalSafe(b.file)} (${b.startedAt}): ${b.new.length} new failing findings, ${b.resolved.length} resolved.`;
    lines.push(...hanging('', head, options.width));
    for (const f of b.resolved) lines.push(...hanging('  ', s.green(`resolved: [${f.id}] ${oneLine(f.message)}`), options.width));
  }
  lines.push(...recap(report, ctx), ...verdicts(report, ctx));
  const results = report.targets.flatMap((t) => t.results);
  const c = presentedCounts(results);
  const verdict = report.passed ? s.green(s.bold('PASSED')) : s.red(s.bold('FAILED'));
  const reasons = report.passed ? [] : failureReasons(report);
  const summary =
    `${results.length} checks · ${s.red(`${c.fail} failed`)} · ${s.magenta(`${c.error} inconclusive`)} · ${s.yellow(`${c.warn} warnings (not gating)`)} · ${s.green(`${c.pass} passed`)} → ${verdict}` +
    (reasons.length > 0 ? ` (${reasons.join(', ')})` : '');
  lines.push(...hanging('', summary, options.width));
  return `${lines.join('\n')}\n`;
}
