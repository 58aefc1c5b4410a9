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

/** "unknown check id "hst"; did you mean "hsts"? (`shipcheck checks` lists them)". */
export function unknownCheckMessage(id: string, known: readonly string[]): string {
  const best = [...known].sort((x, y) => distance(id, x) - distance(id, y))[0];
  const hint = best !== undefined && distance(id, best) <= Math.max(2, id.length / 3) ? `; did you mean "${best}"?` : '';
  return `unknown check id "${id}"${hint} (\`shipcheck checks\` lists them)`;
}
