/**
 * Secrets never reach an output: URL credentials are dropped, query values are masked, and every
 * value the user marked as a credential (the `--header` values, the target URL's query values) is
 * replaced wherever it shows up in text the tool prints.
 */
import type {Target} from './target.js';

/**
 * What stands in for a query value in a URL. Asterisks, not `[REDACTED]`: a report URL pasted into a
 * waiver's `target` glob then still matches (a `*` there matches anything).
 */
const URL_MASK = '***';

/**
 * `name=value&flag` with every value masked and the names kept: `name=***&***`. A part without `=`
 * may be the secret itself (`?s3cr3t`), so it is masked whole; an empty value stays empty.
 */
function maskParams(params: string): string {
  return params
    .split('&')
    .map((part) => {
      if (part === '') return part;
      const eq = part.indexOf('=');
      if (eq === -1) return URL_MASK;
      return eq === part.length - 1 ? part : `${part.slice(0, eq + 1)}${URL_MASK}`;
    })
    .join('&');
}

/**
 * Masks the query's values, and the fragment's when it holds parameters (`#access_token=…`, as
 * OAuth's implicit flow sends); a plain anchor (`#section`) stays.
 */
function maskQueryAndFragment(url: string): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? undefined : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const head = queryAt === -1 ? beforeHash : `${beforeHash.slice(0, queryAt + 1)}${maskParams(beforeHash.slice(queryAt + 1))}`;
  if (fragment === undefined) return head;
  return `${head}#${fragment.includes('=') ? maskParams(fragment) : fragment}`;
}

/**
 * The URL without user:password, as a probe may keep it: the rest of a URL the site sent is
 * evidence (`?next=/account`); the target's own secrets are scrubbed from outputs by its redactor.
 * Unparsable input loses everything between `//` and the last `@` of its authority.
 */
export function stripUserinfo(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return url.replace(/\/\/[^/?#]*@/, '//');
  }
}

/**
 * The URL as an output shows a target: without user:password, with every query value masked and
 * the parameter names kept (`?access_token=***&sig=***`).
 */
export function redactUrl(url: string): string {
  return maskQueryAndFragment(stripUserinfo(url));
}

export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not scrubbed from free text: "a" would blank every word. */
const MIN_SECRET_LENGTH = 4;

/**
 * A query value shorter than this is not scrubbed from free text. Tokens, signatures and API keys
 * are 16 characters and more; short values are words (`format=json`, `page=home`) whose blanking
 * would garble messages ("application/[REDACTED]"). In the URL itself every value is masked.
 */
const MIN_QUERY_SECRET_LENGTH = 8;

/** A URL component as sent (percent-encoded) and as a server that parsed it may echo it. */
function bothForms(raw: string): string[] {
  try {
    return [raw, decodeURIComponent(raw.replace(/\+/g, ' '))];
  } catch {
    return [raw];
  }
}

/**
 * Everything about a target that must not appear in an output: its header values, the auth
 * control's value, and its URL's userinfo and query values (a site may echo its own URL in a
 * body, a redirect or a cookie).
 */
function targetSecrets(target: Pick<Target, 'url' | 'headers' | 'authControl'>): string[] {
  const {url} = target;
  const values = url.search
    .slice(1)
    .split('&')
    .map((part) => part.slice(part.indexOf('=') + 1))
    .filter((value) => value.length >= MIN_QUERY_SECRET_LENGTH);
  return [
    ...Object.values(target.headers),
    ...(target.authControl ? [target.authControl[1]] : []),
    ...[url.username, url.password, ...values].flatMap(bothForms),
  ];
}

/**
 * The redactor of one target's outputs. The target's whole query string, wherever it shows (its
 * URL in a request line, a path in evidence), becomes the masked form the report's URL has, short
 * values included; then every secret of the target is scrubbed on its own.
 */
export function targetRedactor(target: Pick<Target, 'url' | 'headers' | 'authControl'>): (text: string) => string {
  const {search} = target.url;
  const masked = maskQueryAndFragment(search);
  const scrub = makeRedactor(targetSecrets(target));
  if (search.length < MIN_SECRET_LENGTH) return scrub;
  return (text) => scrub(text.split(search).join(masked));
}

/** Replaces each known secret (and its base64 form, as Basic auth carries it) in a string. */
export function makeRedactor(secrets: readonly string[]): (text: string) => string {
  const needles = new Set<string>();
  for (const s of secrets) {
    if (s.length < MIN_SECRET_LENGTH) continue;
    needles.add(s);
    needles.add(Buffer.from(s).toString('base64'));
    // A header value like "Bearer abc…" leaks its token even when quoted apart from the scheme.
    const token = s.split(/\s+/).at(-1);
    if (token && token.length >= MIN_SECRET_LENGTH) needles.add(token);
  }
  const list = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const n of list) out = out.split(n).join(REDACTED);
    return out;
  };
}
