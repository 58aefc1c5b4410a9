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

/** Several formats need a folder: stdout takes one. */
export function checkFormats(formats: readonly FormatName[], outputDir: string | undefined): void {
  if (formats.length > 1 && outputDir === undefined) throw new UsageError('several --format values need --output-dir (stdout takes one format)');
}

/** One format for stdout; colour only for the console format on a terminal that did not opt out. */
export function render(report: Report, format: FormatName, options: {colour: boolean; defaultLocation: SourceLocation}): string {
  return FORMATS[format].render(report, {style: options.colour ? ANSI_STYLE : PLAIN_STYLE, defaultLocation: options.defaultLocation});
}

/** Writes each format to `<dir>/shipcheck.<ext>` (creating the folder); returns the files written. */
export async function writeFormats(report: Report, formats: readonly FormatName[], dir: string, defaultLocation: SourceLocation): Promise<string[]> {
  try {
    await mkdir(dir, {recursive: true});
  } catch {
    throw new UsageError(`cannot create the output folder "${dir}"`);
  }
  const written: string[] = [];
  for (const format of formats) {
    const file = join(dir, outputFileName(format));
    try {
      await writeFile(file, render(report, format, {colour: false, defaultLocation}));
    } catch {
      throw new UsageError(`cannot write "${file}"`);
    }
    written.push(file);
  }
  return written;
}
