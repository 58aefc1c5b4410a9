/** `shipcheck checks` as a table for a person: what each check is, whether it gates by default, its CWE and OWASP ids. */
import type {CheckMeta, Level} from '../core/types.js';
import type {Style} from '../formatters/style.js';

/** One check as `shipcheck checks` lists it (and `--json` prints it): its meta's identity and the level it gets by default. */
export interface CheckRow extends Pick<CheckMeta, 'id' | 'family' | 'severity' | 'cwe' | 'owasp' | 'title'> {
  /** Its level under the recommended preset: `error` gates the run, `warn` is reported only. */
  readonly defaultLevel: Level;
}

const DEFAULT_WORD: Readonly<Record<Level, string>> = {error: 'gates', warn: 'warns', off: 'off'};

const HEADER = ['ID', 'FAMILY', 'SEVERITY', 'DEFAULT', 'CWE', 'OWASP 2021'] as const;

/** The rows as aligned columns under a header, the header in bold when `style` has colour. */
export function checkTable(rows: readonly CheckRow[], style: Style): string {
  // The year is in the header: "A05" is short enough to keep every row within 80 columns.
  const cells = rows.map((r) => [
    r.id,
    r.family,
    r.severity,
    DEFAULT_WORD[r.defaultLevel],
    r.cwe.join(' '),
    r.owasp.map((o) => o.slice(0, 3)).join(' '),
  ]);
  const widths = HEADER.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]?.length ?? 0)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [style.bold(line(HEADER)), ...cells.map(line)].join('\n');
}
