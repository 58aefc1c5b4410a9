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
  let prev = Array.from({length: b.length + 1}, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** "unknown check id "hst"; did you mean "hsts"? (`shipcheck checks` lists them)". */
export function unknownCheckMessage(id: string, known: readonly string[]): string {
  const best = [...known].sort((x, y) => distance(id, x) - distance(id, y))[0];
  const hint = best !== undefined && distance(id, best) <= Math.max(2, id.length / 3) ? `; did you mean "${best}"?` : '';
  return `unknown check id "${id}"${hint} (\`shipcheck checks\` lists them)`;
}
