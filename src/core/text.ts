/** Text helpers every floor uses: one line of an error, and a length cap. */

/** The first non-empty line of a message (or of an error's message), without a trailing CR. */
export function firstLine(text: unknown): string {
  const line =
    messageOf(text)
      .split('\n')
      .find((l) => l.trim() !== '') ?? '';
  return line.replace(/\r$/, '').trim();
}

/** The text of whatever was thrown or passed: an error's message, a string, a primitive's printed form. */
function messageOf(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || typeof value === 'symbol') return String(value);
  if (value === null || value === undefined) return '';
  // An Error from another realm (vm, worker) fails `instanceof` but still carries its message.
  if (typeof value === 'object' && 'message' in value && typeof value.message === 'string') return value.message;
  // Anything else prints as String() printed a plain object ("[object Object]"): the line still says something was thrown.
  return Object.prototype.toString.call(value);
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
