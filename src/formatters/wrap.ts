/** Lines that fit a terminal: wrapped at its width with a hanging indent, colour kept across the breaks. */
import wrapAnsi from 'wrap-ansi';

/** Narrower than this, text after an indent is still given this many columns: a line may then overflow, but stays readable. */
const MIN_TEXT_COLUMNS = 20;

// eslint-disable-next-line no-control-regex -- SGR colour sequences start with ESC: measuring without them is the point
const SGR = /\u001b\[[0-9;]*m/g;

const GRAPHEMES = new Intl.Segmenter('en', {granularity: 'grapheme'});
const graphemes = (text: string): string[] => Array.from(GRAPHEMES.segment(text), (g) => g.segment);

/** Columns a string of our own takes: our leads and marks are one column per character. */
export const visibleWidth = (text: string): number => graphemes(text.replace(SGR, '')).length;

/**
 * `text` after `lead`, wrapped at `width` columns; continuation lines start under the text, so the
 * lead hangs in the margin. At most `maxRows` rows: a longer text ends in "…" on the last one (for
 * text without colour, which the cut could split).
 */
export function hanging(lead: string, text: string, width: number, maxRows = Infinity): string[] {
  const indent = visibleWidth(lead);
  const columns = Math.max(MIN_TEXT_COLUMNS, width - indent);
  let rows = wrapAnsi(text, columns, {hard: true, trim: true}).split('\n');
  if (rows.length > maxRows) {
    rows = rows.slice(0, maxRows);
    const last = rows.at(-1) ?? '';
    rows[rows.length - 1] = `${visibleWidth(last) < columns ? last : graphemes(last).slice(0, -1).join('')}…`;
  }
  return rows.map((row, i) => (i === 0 ? lead : ' '.repeat(indent)) + row);
}
