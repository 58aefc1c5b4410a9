import {FAMILIES, type Status} from '../core/types.js';
import type {CheckResult, Report, TargetReport} from '../core/report.js';
import {terminalSafe} from './escape.js';
import {failureReasons, gateNotes, notices, presented, presentedCounts} from './results.js';
import type {Style} from './style.js';

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

/** Markdown code spans read fine on a terminal without their backticks. */
const plain = (text: string): string => text.replace(/`([^`]*)`/g, '$1');

function result(r: CheckResult, s: Style): string[] {
  const shown = presented(r);
  const badge = paint(shown, `${MARK[shown]} ${shown.padEnd(5)}`, s);
  // The badge already says that a result gates; the other notes say why a failure reads as a warning.
  const notes = gateNotes(r).filter((n) => n !== 'blocking');
  const note = notes.length > 0 ? s.dim(` (${terminalSafe(notes.join('; '))})`) : '';
  const lines = [`  ${badge} ${r.title} ${s.dim(`[${r.id}]`)}${note}`];
  for (const f of r.findings) {
    // Name the page unless the message already starts with it.
    const where = f.page && f.page !== '/' && !f.message.startsWith(f.page) ? `${f.page}: ` : '';
    lines.push(`      ${s.dim('·')} ${terminalSafe(where + f.message)}`);
  }
  if (r.status === 'fail' || r.status === 'warn') lines.push(`      ${s.dim('fix:')} ${plain(r.remediation)}`);
  return lines;
}

function target(t: TargetReport, s: Style): string[] {
  const lines = [s.bold(terminalSafe(t.url)) + s.dim(` (${(t.durationMs / 1000).toFixed(2)} s)`)];
  if (t.unreachable) lines.push(s.magenta(`  unreachable: ${terminalSafe(t.unreachable.message)}`));
  for (const n of notices(t)) {
    // One line, like every notice: a newline in target text could pass for a line of our own.
    const line = `  ${n.label}: ${terminalSafe(n.text).replace(/\s+/g, ' ').trim()}`;
    lines.push(`${n.gates ? s.red(line) : s.yellow(line)}${s.dim(` (${n.consequence})`)}`);
  }
  if (t.tlsGrade) {
    const caps = t.tlsGrade.caps.length > 0 ? s.dim(` (${t.tlsGrade.caps.join('; ')})`) : '';
    lines.push(`  TLS grade ${s.bold(t.tlsGrade.grade)}${caps}`);
  }
  for (const family of FAMILIES) {
    const rs = t.results.filter((r) => r.family === family);
    if (rs.length === 0) continue;
    lines.push('', s.bold(family), ...rs.flatMap((r) => result(r, s)));
  }
  return lines;
}

/**
 * The human summary: grouped by family, findings with evidence, a fix line for each failure. A
 * result reads as it gates (see presented): only what gates is a red cross or counted as failed.
 */
export function formatConsole(report: Report, s: Style): string {
  const lines = report.targets.flatMap((t) => [...target(t, s), '']);
  for (const w of report.expiredWaivers)
    lines.push(s.red(`Waiver for ${w.check} expired on ${w.expires} (${terminalSafe(w.reason)}): renew or remove it in the config.`));
  if (report.baseline) {
    const b = report.baseline;
    lines.push(`Baseline ${terminalSafe(b.file)} (${b.startedAt}): ${b.new.length} new failing findings, ${b.resolved.length} resolved.`);
    for (const f of b.resolved) lines.push(s.green(`  resolved: [${f.id}] ${terminalSafe(f.message)}`));
  }
  const results = report.targets.flatMap((t) => t.results);
  const c = presentedCounts(results);
  const verdict = report.passed ? s.green(s.bold('PASSED')) : s.red(s.bold('FAILED'));
  const reasons = report.passed ? [] : failureReasons(report);
  lines.push(
    `${results.length} checks · ${s.red(`${c.fail} failed`)} · ${s.magenta(`${c.error} inconclusive`)} · ${s.yellow(`${c.warn} warnings (not gating)`)} · ${s.green(`${c.pass} passed`)} → ${verdict}` +
      (reasons.length > 0 ? ` (${reasons.join(', ')})` : ''),
  );
  return `${lines.join('\n')}\n`;
}
