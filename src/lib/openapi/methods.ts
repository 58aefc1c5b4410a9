/** The methods an OpenAPI operation may have, and which of them a scan sends. */
import {UsageError} from '../../core/errors.js';

/** The operations of a Path Item Object, in the order the specification lists them. */
export const OPENAPI_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The same, upper-case, as requests and flags name them. */
export const OPENAPI_METHOD_NAMES: readonly string[] = OPENAPI_METHODS.map((m) => m.toUpperCase());

/** What is sent unless --openapi-methods widens it: methods that read. */
export const DEFAULT_OPENAPI_METHODS: readonly string[] = ['GET', 'HEAD'];

/** `GET,HEAD,post` → ['GET', 'HEAD', 'POST']; UsageError for a method no document declares. */
export function parseOpenApiMethods(list: string, what: string): string[] {
  const methods = [...new Set(list.split(',').map((m) => m.trim().toUpperCase()))].filter((m) => m !== '');
  const unknown = methods.find((m) => !OPENAPI_METHOD_NAMES.includes(m));
  if (unknown !== undefined || methods.length === 0)
    throw new UsageError(
      `${what} takes a comma-separated list of ${OPENAPI_METHOD_NAMES.join(', ')}${unknown === undefined ? '' : `, got "${unknown}"`}`,
    );
  return methods;
}
