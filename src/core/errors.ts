/**
 * Errors the tool itself raises, each with a stable code and the exit code it maps to. The message
 * is one line that says what to do next; it never carries a stack or a credential.
 */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_CONFIG'
  | 'E_UNKNOWN_CHECK'
  | 'E_UNREACHABLE'
  | 'E_INTERNAL';

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

/** The target could not be reached at all. Exit 3; whatever was learned is still reported. */
export class UnreachableError extends ShipcheckError {
  override readonly name = 'UnreachableError';
  constructor(message: string) {
    super(message, 'E_UNREACHABLE', 3);
  }
}
