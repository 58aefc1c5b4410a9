/**
 * Where a report goes: one format to stdout, or several into a folder as shipcheck.<ext>. Shared by
 * `scan` and `report`, so both commands stay thin.
 */
import {once} from 'node:events';
import {mkdir, writeFile} from 'node:fs/promises';
import {isAbsolute, join} from 'node:path';
import {FORMATS, outputFileName, type FormatName, type Renderer} from '../formatters/index.js';
import type {ConsoleOptions} from '../formatters/console.js';
import {ANSI_STYLE, PLAIN_STYLE} from '../formatters/style.js';
import {UsageError} from '../core/errors.js';
import type {Report, SourceLocation} from '../core/report.js';
import type {OutputRequest} from './request.js';

/** SARIF results need a file in the repository; without a better one, the config file's first line. */
export const DEFAULT_SARIF_LOCATION = 'shipcheck.yml:1';

/** `file` or `file:line` → a repository-relative SARIF anchor (line 1 when not given). */
export function parseLocation(value: string): SourceLocation {
  const match = /^(.+?)(?::(\d+))?$/.exec(value);
  const file = match?.[1]?.replace(/\\/g, '/') ?? '';
  const line = Number(match?.[2] ?? 1);
  if (file === '' || isAbsolute(file) || /^[a-zA-Z]:\//.test(file) || line < 1)
    throw new UsageError(`--sarif-location "${value}" must be a repository-relative file, optionally with :LINE (e.g. shipcheck.yml:3)`);
  return {file, line};
}

/** Several formats need a folder: stdout takes one. Checked before anything is sent. */
export function checkOutput(output: Pick<OutputRequest, 'formats' | 'dir'>): void {
  if (output.formats.length > 1 && output.dir === undefined)
    throw new UsageError('several --format values need --output-dir (stdout takes one format)');
}

/** Where stdout's text goes, piece by piece; the promise, when there is one, resolves when the next piece may follow. */
export type TextSink = (text: string) => Promise<void> | undefined;

/** The process's stdout as a sink that waits for it to drain: a fleet's JSON is not queued in memory behind a slow pipe. */
export const processStdout: TextSink = (text) => (process.stdout.write(text) ? undefined : once(process.stdout, 'drain').then(() => undefined));

/** What a format renders: its text in pieces (one for most formats, one a target for JSON); colour only for the console format on a terminal. */
async function pieces(
  report: Report,
  format: FormatName,
  options: {colour: boolean; defaultLocation: SourceLocation; console: ConsoleOptions | undefined},
): Promise<Iterable<string>> {
  const renderer: Renderer = await FORMATS[format].load();
  const ctx = {
    style: options.colour ? ANSI_STYLE : PLAIN_STYLE,
    defaultLocation: options.defaultLocation,
    ...(options.console === undefined ? {} : {console: options.console}),
  };
  return renderer.chunks ? renderer.chunks(report, ctx) : [renderer.render(report, ctx)];
}

/** Writes `text` to `file`, piece by piece; a failure is the user's (a path that cannot be written), exit 2. */
async function writeText(file: string, text: Iterable<string>): Promise<void> {
  try {
    await writeFile(file, text);
  } catch {
    throw new UsageError(`cannot write the report to "${file}"`);
  }
}

/**
 * Writes the report where the request says (the file, the folder of formats) and the one
 * format stdout gets into `stdout`: the format asked for, or with a folder the console summary
 * (JSON with `jsonOnStdout`). A format whose text grows with the fleet (JSON) is never held whole;
 * the others are rendered once however many places want them.
 */
export async function deliver(report: Report, output: OutputRequest, stdout: TextSink, log: (line: string) => void = () => undefined): Promise<void> {
  const rendered = new Map<FormatName, string[]>();
  const text = async (format: FormatName): Promise<Iterable<string>> => {
    const kept = rendered.get(format);
    if (kept) return kept;
    const made = await pieces(report, format, {colour: false, defaultLocation: output.sarifLocation, console: output.console});
    // A generator (JSON's) is made anew for each place; a whole text is kept for the next one.
    if (Array.isArray(made)) rendered.set(format, made as string[]);
    return made;
  };
  const stdoutFormat: FormatName = output.dir === undefined ? (output.formats[0] ?? 'console') : output.jsonOnStdout ? 'json' : 'console';
  if (output.file !== undefined) await writeText(output.file.path, await text(output.file.format));
  if (output.dir !== undefined) {
    try {
      await mkdir(output.dir, {recursive: true});
    } catch {
      throw new UsageError(`cannot create the output folder "${output.dir}"`);
    }
    for (const format of output.formats) {
      const file = join(output.dir, outputFileName(format));
      await writeText(file, await text(format));
      log(`wrote ${file}`);
    }
  }
  // Colour applies to stdout only (the console format on a terminal).
  const toStdout =
    stdoutFormat === 'console' && output.colour
      ? await pieces(report, 'console', {colour: true, defaultLocation: output.sarifLocation, console: output.console})
      : await text(stdoutFormat);
  for (const piece of toStdout) await stdout(piece);
}

/** A sink that keeps what it is given, for callers that want stdout's text as one string (tests, the Action's log). */
export function collect(): {sink: TextSink; text: () => string} {
  const parts: string[] = [];
  return {sink: (piece) => void parts.push(piece), text: () => parts.join('')};
}
