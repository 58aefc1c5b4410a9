/**
 * Where a report goes: one format to stdout, or several into a folder as shipcheck.<ext>. Shared by
 * `scan` and `report`, so both commands stay thin.
 */
import {mkdir, writeFile} from 'node:fs/promises';
import {isAbsolute, join} from 'node:path';
import {FORMATS, outputFileName, type FormatName} from '../formatters/index.js';
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

/** One format as text; colour only for the console format on a terminal that did not opt out. */
function render(report: Report, format: FormatName, options: {colour: boolean; defaultLocation: SourceLocation}): string {
  return FORMATS[format].render(report, {style: options.colour ? ANSI_STYLE : PLAIN_STYLE, defaultLocation: options.defaultLocation});
}

/** Writes each format to `<dir>/shipcheck.<ext>` (creating the folder); returns the files written. */
async function writeFormats(formats: readonly FormatName[], dir: string, text: (format: FormatName) => string): Promise<string[]> {
  try {
    await mkdir(dir, {recursive: true});
  } catch {
    throw new UsageError(`cannot create the output folder "${dir}"`);
  }
  const written: string[] = [];
  for (const format of formats) {
    const file = join(dir, outputFileName(format));
    try {
      await writeFile(file, text(format));
    } catch {
      throw new UsageError(`cannot write "${file}"`);
    }
    written.push(file);
  }
  return written;
}

/**
 * Writes the report where the request says (the JSON file, the folder of formats) and returns what
 * stdout gets: the one format, or with a folder the console summary (JSON with `jsonOnStdout`).
 */
export async function deliver(report: Report, output: OutputRequest, log: (line: string) => void = () => undefined): Promise<string> {
  // Each format is rendered once: a 2,000-target report's JSON is ~38 M characters, and the file
  // and stdout often want the same one.
  const rendered = new Map<FormatName, string>();
  const once = (format: FormatName): string => {
    let text = rendered.get(format);
    if (text === undefined) {
      text = render(report, format, {colour: false, defaultLocation: output.sarifLocation});
      rendered.set(format, text);
    }
    return text;
  };
  const stdoutFormat: FormatName = output.dir === undefined ? (output.formats[0] ?? 'console') : output.jsonOnStdout ? 'json' : 'console';
  if (output.file !== undefined) {
    try {
      await writeFile(output.file.path, once(output.file.format));
    } catch {
      throw new UsageError(`cannot write the report to "${output.file.path}"`);
    }
  }
  if (output.dir !== undefined) {
    for (const file of await writeFormats(output.formats, output.dir, once)) log(`wrote ${file}`);
  }
  // Colour applies to stdout only (the console format on a terminal).
  return stdoutFormat === 'console' && output.colour
    ? render(report, 'console', {colour: true, defaultLocation: output.sarifLocation})
    : once(stdoutFormat);
}
