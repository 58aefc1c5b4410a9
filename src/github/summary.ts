/**
 * The job summary (the Markdown report on the run's page) and error annotations (shown on the run
 * and beside the PR's checks). Both are files and log lines, so they work with a read-only token:
 * the place a fork PR's report still lands.
 */
import {appendFile, stat} from 'node:fs/promises';
import {isBlocking, type Report} from '../core/report.js';
import {formatMarkdown, type MarkdownOptions} from '../formatters/markdown.js';
import {workflowCommand} from './commands.js';
import {truncate} from '../core/text.js';

/** GitHub refuses a step summary larger than 1 MiB (and shows none of it). */
export const SUMMARY_MAX_BYTES = 1024 * 1024;
/** GitHub shows at most ten annotations of each level per step and drops the rest. */
export const MAX_ANNOTATIONS = 10;
/** A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4). */
const MAX_BYTES_PER_CHAR = 3;
/** Below this there is no room for a useful report; other steps' summaries already fill the file. */
const MIN_SUMMARY_CHARS = 2000;
/** One annotation's message: its first findings and the fix, not the whole report. */
const MAX_MESSAGE = 1000;

/**
 * Appends the report to the summary file, within what is left of its 1 MiB. Returns false when
 * earlier steps left too little room (the caller warns); throws on I/O errors.
 */
export async function appendSummary(file: string, report: Report, options: Pick<MarkdownOptions, 'marker'> = {}): Promise<boolean> {
  const used = await stat(file).then(
    (s) => s.size,
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    },
  );
  const maxLength = Math.floor((SUMMARY_MAX_BYTES - used - 2) / MAX_BYTES_PER_CHAR);
  if (maxLength < MIN_SUMMARY_CHARS) return false;
  await appendFile(file, `${formatMarkdown(report, {...options, maxLength})}\n\n`);
  return true;
}

interface Annotation {
  readonly title: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
}

function failures(report: Report): Annotation[] {
  const out: Annotation[] = [];
  for (const w of report.expiredWaivers)
    out.push({
      title: `Waiver for ${w.check} expired`,
      message: `The waiver for check "${w.check}" expired on ${w.expires} (${w.reason}): renew or remove it.`,
    });
  for (const t of report.targets) {
    if (t.unreachable) out.push({title: 'Target unreachable', message: `${t.url}: ${t.unreachable.message}`, ...t.source});
    if (t.notJudged !== undefined) out.push({title: 'Target not judged', message: truncate(`${t.url}: ${t.notJudged}`, MAX_MESSAGE), ...t.source});
    for (const r of t.results.filter(isBlocking)) {
      const findings = r.findings.map((f) => (f.page && f.page !== '/' ? `${f.page}: ${f.message}` : f.message));
      const what = findings.length > 0 ? findings.join('\n') : r.description;
      out.push({title: r.title, message: truncate(`${t.url} [${r.id}]\n${what}\nFix: ${r.remediation}`, MAX_MESSAGE), ...t.source});
    }
  }
  return out;
}

/**
 * `::error` lines for what made the run fail, at most ten; when there are more, the tenth says how
 * many the summary has besides.
 */
export function annotations(report: Report): string[] {
  const all = failures(report);
  const shown = all.length > MAX_ANNOTATIONS ? all.slice(0, MAX_ANNOTATIONS - 1) : all;
  const lines = shown.map((a) => workflowCommand('error', {file: a.file, line: a.line, title: `shipcheck: ${a.title}`}, a.message));
  if (shown.length < all.length)
    lines.push(workflowCommand('error', {title: 'shipcheck'}, `${all.length - shown.length} more failures: see the job summary.`));
  return lines;
}
