/**
 * The effective security of an OpenAPI operation (OpenAPI 3.0/3.1 §4.8.10 and §4.8.30): the
 * operation's own `security` when it sets one, else the document's. A list of alternatives, each a
 * set of schemes that go together; an empty list, or an empty alternative (`{}`: anonymous is one of
 * the ways in), makes the operation public.
 */
import type {OpenApiScheme} from '../../core/target.js';
import {isRecord, type Json} from './json.js';

export interface EffectiveSecurity {
  /** Whether a request without credentials must be refused. */
  readonly secured: boolean;
  /** The scheme names the requirement names, every alternative, in document order. */
  readonly names: readonly string[];
  /** Those schemes, as the refusal tests need them; a name the document does not declare is `other`. */
  readonly schemes: readonly OpenApiScheme[];
}

const PUBLIC: EffectiveSecurity = {secured: false, names: [], schemes: []};

/** What a declared security scheme object is, for forging a credential of its kind. */
export function schemeOf(declared: Json): OpenApiScheme {
  if (!isRecord(declared)) return {kind: 'other', type: 'undeclared'};
  const type = typeof declared.type === 'string' ? declared.type : 'unknown';
  if (type === 'http') {
    const scheme = typeof declared.scheme === 'string' ? declared.scheme.toLowerCase() : '';
    if (scheme === 'bearer') {
      // A bearer format is documentation only; JWT is the usual case and what an unsigned token can fool.
      const format = typeof declared.bearerFormat === 'string' ? declared.bearerFormat : '';
      return {kind: 'bearer', jwt: format === '' || /jwt/i.test(format)};
    }
    if (scheme === 'basic') return {kind: 'basic'};
    return {kind: 'other', type: `http ${scheme || 'without a scheme'}`};
  }
  if (type === 'apiKey') {
    const where = declared.in;
    const name = typeof declared.name === 'string' ? declared.name : '';
    if ((where === 'header' || where === 'query' || where === 'cookie') && name !== '') return {kind: 'api-key', in: where, name};
    return {kind: 'other', type: 'apiKey without a valid in and name'};
  }
  // Both hand out access tokens that are sent as bearer tokens; OpenID Connect's are JWTs.
  if (type === 'oauth2' || type === 'openIdConnect') return {kind: 'bearer', jwt: true};
  return {kind: 'other', type};
}

/** The effective security of `operation` in `document` (both dereferenced). */
export function effectiveSecurity(document: Json, operation: Json): EffectiveSecurity {
  const own = isRecord(operation) && Array.isArray(operation.security) ? operation.security : undefined;
  const global = isRecord(document) && Array.isArray(document.security) ? document.security : undefined;
  const requirement = own ?? global ?? [];
  if (requirement.length === 0) return PUBLIC;
  if (requirement.some((alternative) => !isRecord(alternative) || Object.keys(alternative).length === 0)) return PUBLIC;
  const names = [...new Set(requirement.flatMap((alternative) => (isRecord(alternative) ? Object.keys(alternative) : [])))];
  const components = isRecord(document) && isRecord(document.components) ? document.components : {};
  const declared = isRecord(components.securitySchemes) ? components.securitySchemes : {};
  return {secured: true, names, schemes: names.map((name) => schemeOf(Object.hasOwn(declared, name) ? declared[name] : undefined))};
}
