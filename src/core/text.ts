/** Text helpers every floor uses: one line of an error, and a length cap. */

/** The first non-empty line of a message (or of an error's message), without a trailing CR. */
export function firstLine(text: unknown): string {
  const message = text instanceof Error ? text.message : typeof text === 'string' ? text : String(text ?? '');
  return (message.split('\n').find((line) => line.trim() !== '') ?? '').replace(/\r$/, '').trim();
}

/**
 * At most `max` characters, the last one an ellipsis when cut, never half of a surrogate pair.
 * With `count`, the cut is also measured (`… [1234 more]`), for evidence whose length matters.
 */
export function truncate(text: string, max: number, options: {count?: boolean} = {}): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return options.count ? `${text.slice(0, end)}… [${text.length - end} more]` : `${text.slice(0, end)}…`;
}
