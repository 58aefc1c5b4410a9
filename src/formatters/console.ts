import {FAMILIES, type Status} from '../core/types.js';
import {isBlocking, type CheckResult, type Report, type TargetReport} from '../core/report.js';
import {terminalSafe} from './escape.js';
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
  const badge = paint(r.status, `${MARK[r.status]} ${r.status.padEnd(5)}`, s);
  const notes: string[] = [];
  if (r.level === 'warn' && r.status !== 'pass' && r.status !== 'skipped') notes.push('level warn: does not gate');
  if (r.waiver) notes.push(r.waiver.expired ? `waiver EXPIRED ${r.waiver.expires}` : `waived until ${r.waiver.expires}: ${r.waiver.reason}`);
  if (r.baseline) notes.push(r.baseline === 'new' ? 'new since the baseline' : 'known in the baseline: does not gate');
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

/** The human summary: grouped by family, findings with evidence, a fix line for each failure. */
export function formatConsole(report: Report, s: Style): string {
  const {summary: m} = report;
  const lines = report.targets.flatMap((t) => [...target(t, s), '']);
  for (const w of report.expiredWaivers)
    lines.push(s.red(`Waiver for ${w.check} expired on ${w.expires} (${terminalSafe(w.reason)}): renew or remove it in the config.`));
  if (report.baseline) {
    const b = report.baseline;
    lines.push(`Baseline ${terminalSafe(b.file)} (${b.startedAt}): ${b.new.length} new failing findings, ${b.resolved.length} resolved.`);
    for (const f of b.resolved) lines.push(s.green(`  resolved: [${f.id}] ${terminalSafe(f.message)}`));
  }
  const verdict = report.passed ? s.green(s.bold('PASSED')) : s.red(s.bold('FAILED'));
  const blocking = report.targets.flatMap((t) => t.results.filter(isBlocking)).length;
  lines.push(
    `${m.total} checks · ${s.red(`${m.fail} failed`)} · ${s.yellow(`${m.warn} warnings`)} · ${s.magenta(`${m.error} inconclusive`)} · ${s.green(`${m.pass} passed`)} → ${verdict}` +
      (blocking > 0 ? ` (${blocking} blocking)` : ''),
  );
  return `${lines.join('\n')}\n`;
}
