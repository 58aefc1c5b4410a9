/** The registry of output formats: what `--format` accepts, how each renders, and its file extension. */
import type {Report, SourceLocation} from '../core/report.js';
import type {ConsoleOptions} from './console.js';
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

/** How a format renders a report, once its module is loaded. */
export interface Renderer {
  render(report: Report, ctx: RenderContext): string;
  /** The same text in pieces, for formats whose text grows with the fleet: written out piece by piece, never held whole. */
  chunks?(report: Report, ctx: RenderContext): Iterable<string>;
}

export interface Format {
  /** File extension without the dot, for `--output-dir`. */
  readonly extension: string;
  /**
   * The renderer, its module loaded on first use: a run pays only for the formats it writes (the
   * console format's text wrapping alone sets up Unicode segmentation, ~20 ms of every start).
   */
  load(): Promise<Renderer>;
}

export const FORMATS = {
  console: {
    extension: 'txt',
    load: async () => {
      const {formatConsole} = await import('./console.js');
      return {render: (report, ctx) => formatConsole(report, ctx.style, ctx.console)};
    },
  },
  json: {
    extension: 'json',
    load: async () => {
      const {formatJson, jsonChunks} = await import('./json.js');
      return {render: (report) => formatJson(report), chunks: (report) => jsonChunks(report)};
    },
  },
  markdown: {
    extension: 'md',
    load: async () => {
      const {formatMarkdown} = await import('./markdown.js');
      return {render: (report) => formatMarkdown(report)};
    },
  },
  sarif: {
    extension: 'sarif',
    load: async () => {
      const {formatSarif} = await import('./sarif.js');
      return {render: (report, ctx) => formatSarif(report, {defaultLocation: ctx.defaultLocation})};
    },
  },
  junit: {
    extension: 'xml',
    load: async () => {
      const {formatJunit} = await import('./junit.js');
      return {render: (report) => formatJunit(report)};
    },
  },
  html: {
    extension: 'html',
    load: async () => {
      const {formatHtml} = await import('./html.js');
      return {render: (report) => formatHtml(report)};
    },
  },
} as const satisfies Record<string, Format>;

export type FormatName = keyof typeof FORMATS;

export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

/** The file a format is written to in `--output-dir`: `shipcheck.<extension>`. */
export const outputFileName = (format: FormatName): string => `shipcheck.${FORMATS[format].extension}`;
