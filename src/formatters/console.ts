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
  const note = r.level === 'warn' && r.status !== 'pass' ? s.dim(' (level warn: does not gate)') : '';
  const lines = [`  ${badge} ${r.title} ${s.dim(`[${r.id}]`)}${note}`];
  for (const f of r.findings) {
    const where = f.page && f.page !== '/' ? `${f.page}: ` : '';
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
  const verdict = report.passed ? s.green(s.bold('PASSED')) : s.red(s.bold('FAILED'));
  const blocking = report.targets.flatMap((t) => t.results.filter(isBlocking)).length;
  lines.push(
    `${m.total} checks · ${s.red(`${m.fail} failed`)} · ${s.yellow(`${m.warn} warnings`)} · ${s.magenta(`${m.error} inconclusive`)} · ${s.green(`${m.pass} passed`)} → ${verdict}` +
      (blocking > 0 ? ` (${blocking} blocking)` : ''),
  );
  return `${lines.join('\n')}\n`;
}
