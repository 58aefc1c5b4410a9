/**
 * Errors the tool itself raises, each with a stable code and the exit code it maps to. The message
 * is one line that says what to do next; it never carries a stack or a credential.
 */
export type ErrorCode = 'E_USAGE' | 'E_CONFIG' | 'E_UNKNOWN_CHECK' | 'E_INTERNAL';

export class ShipcheckError extends Error {
  override readonly name: string = 'ShipcheckError';
  constructor(
    message: string,
    readonly code: ErrorCode,
    /** 2 usage or config, 3 the tool could not run. */
    readonly exitCode: 2 | 3,
    options?: {cause?: unknown},
  ) {
    super(message, options);
  }
}

/** Bad flags or arguments. Exit 2. */
export class UsageError extends ShipcheckError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(message, 'E_USAGE', 2);
  }
}

/** A config file that is missing, unreadable or invalid; the message names file, line and key. Exit 2. */
export class ConfigError extends ShipcheckError {
  override readonly name = 'ConfigError';
  constructor(message: string, code: 'E_CONFIG' | 'E_UNKNOWN_CHECK' = 'E_CONFIG') {
    super(message, code, 2);
  }
}

/** Edit distance, for did-you-mean suggestions on mistyped ids. */
function distance(a: string, b: string): number {
  // prev[j]: the edits that turn the part of `a` read so far into the first j code units of `b`.
  let prev = Array.from({length: b.length + 1}, (_, j) => j);
  let last = b.length;
  for (let i = 0; i < a.length; i++) {
    const row = [i + 1];
    let diagonal = i;
    let left = i + 1;
    for (const [j, up] of prev.slice(1).entries()) {
      left = Math.min(up + 1, left + 1, diagonal + (a.charCodeAt(i) === b.charCodeAt(j) ? 0 : 1));
      row.push(left);
      diagonal = up;
    }
    prev = row;
    last = left;
  }
  return last;
}

/**
 * The known word closest to a mistyped one, when it is close enough to be what was meant: at most
 * two edits, or a third of the word's length for a long one ("hst" → "hsts", "--jsn" → "--json").
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  const best = [...known].sort((x, y) => distance(word, x) - distance(word, y))[0];
  return best !== undefined && distance(word, best) <= Math.max(2, word.length / 3) ? best : undefined;
}

/** `; did you mean "hsts"?`, or nothing when no known word is close. */
export function didYouMean(word: string, known: readonly string[]): string {
  const best = closest(word, known);
  return best === undefined ? '' : `; did you mean "${best}"?`;
}

/** "unknown check id "hst"; did you mean "hsts"? (`shipcheck checks` lists them)". */
export function unknownCheckMessage(id: string, known: readonly string[]): string {
  return `unknown check id "${id}"${didYouMean(id, known)} (\`shipcheck checks\` lists them)`;
}
