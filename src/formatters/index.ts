/** The registry of output formats: what `--format` accepts, how each renders, and its file extension. */
import type {Report, SourceLocation} from '../core/report.js';
import {formatConsole, type ConsoleOptions} from './console.js';
import {formatHtml} from './html.js';
import {formatJson, jsonChunks} from './json.js';
import {formatJunit} from './junit.js';
import {formatMarkdown} from './markdown.js';
import {formatSarif} from './sarif.js';
import type {Style} from './style.js';

/** What the caller decides for a formatter, never the formatter itself. */
export interface RenderContext {
  /** Colour for the console format. */
  readonly style: Style;
  /** Where SARIF results point when a target's report has no `source`. */
  readonly defaultLocation: SourceLocation;
  /** The console format's width and fixes (default: 80 columns, the detected stack's fix). */
  readonly console?: ConsoleOptions;
}

export interface Format {
  /** File extension without the dot, for `--output-dir`. */
  readonly extension: string;
  render(report: Report, ctx: RenderContext): string;
  /** The same text in pieces, for formats whose text grows with the fleet: written out piece by piece, never held whole. */
  chunks?(report: Report, ctx: RenderContext): Iterable<string>;
}

export const FORMATS = {
  console: {extension: 'txt', render: (report, ctx) => formatConsole(report, ctx.style, ctx.console)},
  json: {extension: 'json', render: (report) => formatJson(report), chunks: (report) => jsonChunks(report)},
  markdown: {extension: 'md', render: (report) => formatMarkdown(report)},
  sarif: {extension: 'sarif', render: (report, ctx) => formatSarif(report, {defaultLocation: ctx.defaultLocation})},
  junit: {extension: 'xml', render: (report) => formatJunit(report)},
  html: {extension: 'html', render: (report) => formatHtml(report)},
} as const satisfies Record<string, Format>;

export type FormatName = keyof typeof FORMATS;

export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

/** The file a format is written to in `--output-dir`: `shipcheck.<extension>`. */
export const outputFileName = (format: FormatName): string => `shipcheck.${FORMATS[format].extension}`;
