/**
 * A parser for security.txt (RFC 9116): `Name: value` fields with case-insensitive names, `#`
 * comments, and optionally an OpenPGP cleartext signature around it (RFC 4880 §7), whose armor is
 * stripped so the signed fields are read like plain ones. The signature itself is not verified.
 */

/** Real files are under 2 KB; anything past 32 KiB is not read (hostile input is capped first). */
export const MAX_SECURITY_TXT = 32 * 1024;

export interface SecurityTxtField {
  /** Lower-cased, as names are case-insensitive. */
  readonly name: string;
  readonly value: string;
}

export interface ParsedSecurityTxt {
  /** In file order, duplicates kept (Contact may repeat; Expires must not). */
  readonly fields: readonly SecurityTxtField[];
  /** Whether the file is wrapped in an OpenPGP cleartext signature. */
  readonly signed: boolean;
}

const SIGNED_START = /^-----BEGIN PGP SIGNED MESSAGE-----$/;
const SIGNATURE_START = /^-----BEGIN PGP SIGNATURE-----$/;
const FIELD = /^([A-Za-z0-9-]+):[ \t]*(.*?)[ \t]*$/;

/** The signed text inside a cleartext signature: after the armor headers, before the signature, dash-escapes undone. */
function unwrapSigned(lines: readonly string[]): string[] {
  const blank = lines.indexOf('', 1);
  const end = lines.findIndex((line) => SIGNATURE_START.test(line));
  return lines
    .slice(blank < 0 ? lines.length : blank + 1, end < 0 ? lines.length : end)
    .map((line) => (line.startsWith('- ') ? line.slice(2) : line));
}

export function parseSecurityTxt(text: string): ParsedSecurityTxt {
  let lines = text
    .slice(0, MAX_SECURITY_TXT)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() !== '');
  const firstLine = lines[start];
  const signed = firstLine !== undefined && SIGNED_START.test(firstLine.trim());
  if (signed) lines = unwrapSigned(lines.slice(start));
  const fields: SecurityTxtField[] = [];
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    const [, name, value] = FIELD.exec(line) ?? [];
    if (name !== undefined && value !== undefined) fields.push({name: name.toLowerCase(), value});
  }
  return {fields, signed};
}

/** Every value of a field, in file order. */
export function fieldValues(parsed: ParsedSecurityTxt, name: string): string[] {
  const wanted = name.toLowerCase();
  return parsed.fields.filter((f) => f.name === wanted).map((f) => f.value);
}

/** RFC 3339 `date-time`, the only form Expires may take. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The instant an Expires value names, or undefined when it is not an RFC 3339 date-time. */
export function parseExpires(value: string): Date | undefined {
  const upper = value.trim().toUpperCase();
  const m = DATE_TIME.exec(upper);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.parse rolls 2025-02-30 over to March 2; a day the month does not have is invalid.
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  const ms = Date.parse(upper);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Contact values must be URIs, and web ones must use HTTPS (RFC 9116 §2.5.3). */
export function isContactUri(value: string): boolean {
  return /^(?:mailto:[^\s@]+@[^\s@]+|tel:\+?[\d\s().-]+|https:\/\/\S+)$/i.test(value);
}
