/**
 * Writes src/lib/tls/suites.data.ts, our cipher-suite table, from the mapping Debian's testssl.sh
 * package installs (`/etc/testssl/cipher-mapping.txt`: 370 code points, 2-byte TLS and 3-byte
 * SSLv2, with IANA and OpenSSL names, key exchange, authentication, encryption and MAC). Code points
 * and names are registry facts; the flags are derived here so the table is reviewable as data.
 * Run `npx tsx scripts/make-suite-table.ts [mapping-file]` and commit the result. Never runs testssl.sh.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

const source = process.argv[2] ?? '/etc/testssl/cipher-mapping.txt';
const out = join(import.meta.dirname, '..', 'src', 'lib', 'tls', 'suites.data.ts');

/** The mapping's minimum-version column, in our TlsVersion spelling. */
const VERSIONS: Record<string, string> = {SSLv2: 'SSLv2', SSLv3: 'SSLv3', TLSv1: 'TLSv1.0', 'TLSv1.2': 'TLSv1.2', 'TLSv1.3': 'TLSv1.3'};

/**
 * TLS 1.3 suites in the IANA registry that the mapping lacks: RFC 9150's integrity-only suites
 * (no encryption at all; OpenSSL 3.4+ can serve them) and RFC 8998's SM4 suites.
 */
const EXTRA_LINES = [
  '0xC0,0xB4 - - TLS_SHA256_SHA256 TLSv1.3 Kx=any Au=any Enc=None Mac=SHA256',
  '0xC0,0xB5 - - TLS_SHA384_SHA384 TLSv1.3 Kx=any Au=any Enc=None Mac=SHA384',
  '0x00,0xC6 - TLS_SM4_GCM_SM3 TLS_SM4_GCM_SM3 TLSv1.3 Kx=any Au=any Enc=SM4GCM(128) Mac=AEAD',
  '0x00,0xC7 - TLS_SM4_CCM_SM3 TLS_SM4_CCM_SM3 TLSv1.3 Kx=any Au=any Enc=SM4CCM(128) Mac=AEAD',
];

/** Ephemeral key exchanges (the export DHE ones included: `DH(512)`); `ECDH/RSA`, `DH/DSS` … are static. */
const EPHEMERAL_KX = new Set(['ECDH', 'DH', 'DH(512)', 'DH(1024)', 'DHEPSK', 'ECDHEPSK', 'CECPQ1', 'any']);
/** Block ciphers that TLS runs in CBC mode when not GCM/CCM (SSLv2's DES-CFB is the one exception, by name). */
const CBC_CIPHERS = new Set(['AES', 'Camellia', 'ARIA', 'SEED', 'IDEA', 'DES', '3DES', 'RC2']);

interface Row {
  code: number;
  name: string;
  openssl: string;
  version: string;
  kx: string;
  au: string;
  enc: string;
  bits: number;
  mac: string;
  flags: string[];
}

function field(parts: readonly string[], key: string, line: string): string {
  const part = parts.find((p) => p.startsWith(`${key}=`));
  if (part === undefined) throw new Error(`no ${key}= in: ${line}`);
  return part.slice(key.length + 1);
}

function parseLine(line: string): Row {
  const parts = line.trim().split(/\s+/);
  const [hex, dash, openssl, iana, minVersion] = parts;
  if (!hex || dash !== '-' || !openssl || !iana || !minVersion) throw new Error(`unexpected line: ${line}`);
  const bytes = hex.split(',').map((b) => Number.parseInt(b, 16));
  if (bytes.length < 2 || bytes.length > 3 || bytes.some((b) => !(b >= 0 && b <= 255))) throw new Error(`bad code point: ${line}`);
  const version = VERSIONS[minVersion];
  if (!version) throw new Error(`unknown version ${minVersion}: ${line}`);
  const kx = field(parts, 'Kx', line);
  const au = field(parts, 'Au', line);
  const encField = field(parts, 'Enc', line);
  const mac = field(parts, 'Mac', line);
  const [, enc, size] = /^([^(]+)(?:\((\d+)\))?$/.exec(encField) ?? [];
  if (enc === undefined) throw new Error(`bad Enc= in: ${line}`);
  const bits = enc === 'None' ? 0 : Number(size);
  // Four private-use GOST code points (0xFF02, 0xFF03, 0xFF85, 0xFF87) have no IANA name: keep OpenSSL's.
  const name = iana === '-' ? openssl : iana;
  const flags: string[] = [];
  // Anonymous DH is ephemeral, but anyone can be the server it agrees a key with: not forward secret.
  if (EPHEMERAL_KX.has(kx) && au !== 'None') flags.push('fs');
  if (mac === 'AEAD') flags.push('aead');
  if (CBC_CIPHERS.has(enc) && !name.includes('CFB')) flags.push('cbc');
  if (parts.includes('export')) flags.push('export');
  if (enc === 'None') flags.push('null');
  if (au === 'None') flags.push('anon');
  if (enc === 'RC4') flags.push('rc4');
  if (enc === 'DES') flags.push('des');
  if (enc === '3DES') flags.push('3des');
  return {
    code: bytes.reduce((acc, b) => acc * 256 + b, 0),
    name,
    openssl: openssl === '-' ? '' : openssl,
    version,
    kx,
    au,
    enc,
    bits,
    mac,
    flags,
  };
}

const lines = readFileSync(source, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const rows = [...lines, ...EXTRA_LINES].map(parseLine);
// SSLv2's 0x000000 and TLS's 0x0000 are the same number: code points are unique per protocol family.
const seen = new Set<string>();
for (const r of rows) {
  const key = `${r.version === 'SSLv2' ? 'v2' : 'tls'}:${r.code}`;
  if (seen.has(key)) throw new Error(`duplicate code point 0x${r.code.toString(16)}`);
  seen.add(key);
}
if (rows.length < 370) throw new Error(`expected at least 370 suites, got ${rows.length}: is ${source} complete?`);
rows.sort((a, b) => Number(a.version === 'SSLv2') - Number(b.version === 'SSLv2') || a.code - b.code);

const hex = (r: Row): string => `0x${r.code.toString(16).padStart(r.version === 'SSLv2' ? 6 : 4, '0')}`;
const body = rows
  .map((r) => {
    const quoted = [r.name, r.openssl, r.version, r.kx, r.au, r.enc].map((v) => `'${v}'`);
    return `  [${[hex(r), ...quoted, r.bits, `'${r.mac}'`, `'${r.flags.join(' ')}'`].join(', ')}],`;
  })
  .join('\n');

writeFileSync(
  out,
  `/**
 * Generated by scripts/make-suite-table.ts from testssl.sh's cipher-mapping.txt (IANA registry code
 * points and names, OpenSSL names, algorithms) plus RFC 9150 and RFC 8998. Do not edit by hand.
 * TLS suites first, then SSLv2's (whose 3-byte 0x000000 equals TLS's 0x0000 as a number).
 * Columns: code point (3 bytes for SSLv2), IANA name, OpenSSL name ('' when none), minimum version,
 * key exchange, authentication, encryption, key bits, MAC, derived flags (space-separated: fs aead
 * cbc export null anon rc4 des 3des).
 */
export type SuiteRow = readonly [
  code: number,
  name: string,
  openssl: string,
  minVersion: 'SSLv2' | 'SSLv3' | 'TLSv1.0' | 'TLSv1.2' | 'TLSv1.3',
  kx: string,
  au: string,
  enc: string,
  bits: number,
  mac: string,
  flags: string,
];

export const SUITE_ROWS: readonly SuiteRow[] = [
${body}
];
`,
);
console.log(`wrote ${rows.length} suites to ${out}`);
