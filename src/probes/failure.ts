/**
 * The probe error type: a measurement that could not be made, as a report-safe record (never a
 * library's error object, which may carry credentials), and the exception that carries it.
 */
import {stripUserinfo} from '../core/redact.js';
import type {ProbeError, ProbeErrorCode, RedirectHop} from '../core/types.js';

/** A report-safe probe error; the URL is stored without its userinfo. */
export function probeError(code: ProbeErrorCode, message: string, url?: string): ProbeError {
  return {kind: 'probe-error', code, message, ...(url === undefined ? {} : {url: stripUserinfo(url)})};
}

/** A request that produced no usable response; carries a report-safe record, never got's error. */
export class ProbeFailure extends Error {
  /** The redirects followed before the request that failed: what was observed is kept. */
  constructor(
    readonly probeError: ProbeError,
    readonly hops: readonly RedirectHop[] = [],
  ) {
    super(probeError.message);
  }
}
