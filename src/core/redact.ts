/**
 * Secrets never reach an output: URL credentials are dropped, and every value the user marked as a
 * credential (the `--header` values) is replaced wherever it shows up in text the tool prints.
 */

/** The URL without user:password. Unparsable input is returned without anything after '@'. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return u.href;
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not scrubbed from free text: "a" would blank every word. */
const MIN_SECRET_LENGTH = 4;

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
