/**
 * What Node 20 does not tell about a certificate, read from its DER, and our own path validation.
 * Node's `X509Certificate` gives names, dates, the key and `ca`, but not the signature algorithm
 * (`signatureAlgorithm` arrived in Node 23), so a minimal, bounded DER reader takes it from `.raw`.
 * Path building follows OpenSSL's "trusted first" order, so a cross-signed intermediate still ends
 * at the root in the store instead of at an expired cross-signer.
 */
import {X509Certificate, type KeyObject} from 'node:crypto';
import type {CertInfo, KeyType, TlsCertificate, TrustProblem} from '../../core/types.js';

/** The DER is truncated or not the structure expected; the message says where. */
export class DerError extends Error {
  override readonly name = 'DerError';
}

interface Tlv {
  readonly tag: number;
  /** First byte of the value. */
  readonly start: number;
  /** One past the last byte of the value. */
  readonly end: number;
}

const SEQUENCE = 0x30;
const OID = 0x06;
/** [0] EXPLICIT, the hashAlgorithm of RSASSA-PSS-params. */
const CONTEXT_0 = 0xa0;

/** The byte at `index`; callers check their `limit` first, so this only fails if a limit ran past the buffer. */
function byteAt(der: Uint8Array, index: number, what: string): number {
  const byte = der[index];
  if (byte === undefined) throw new DerError(`${what}: truncated at byte ${index}`);
  return byte;
}

/** Reads one tag-length-value at `offset`, refusing anything that runs past `limit`. */
function readTlv(der: Uint8Array, offset: number, limit: number, what: string): Tlv {
  if (offset + 2 > limit) throw new DerError(`${what}: truncated at byte ${offset}`);
  const tag = byteAt(der, offset, what);
  // X.509's outer structures only use low tag numbers; a high-tag-number form here means garbage.
  if ((tag & 0x1f) === 0x1f) throw new DerError(`${what}: unexpected multi-byte tag at byte ${offset}`);
  const first = byteAt(der, offset + 1, what);
  let length = first;
  let start = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    // 0x80 is BER's indefinite length, forbidden in DER; 4 length bytes already allow 4 GiB.
    if (count === 0 || count > 4) throw new DerError(`${what}: invalid length encoding at byte ${offset}`);
    if (start + count > limit) throw new DerError(`${what}: truncated length at byte ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + byteAt(der, start + i, what);
    start += count;
  }
  const end = start + length;
  if (end > limit) throw new DerError(`${what}: length ${length} runs past the end at byte ${offset}`);
  return {tag, start, end};
}

function expect(tlv: Tlv, tag: number, what: string): Tlv {
  if (tlv.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`);
  return tlv;
}

/** Dotted form of an OBJECT IDENTIFIER's value bytes. */
function decodeOid(der: Uint8Array, {start, end}: Tlv): string {
  if (start === end) throw new DerError('empty OBJECT IDENTIFIER');
  const arcs: bigint[] = [];
  let value = 0n;
  let open = false;
  for (const byte of der.subarray(start, end)) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    open = (byte & 0x80) !== 0;
    if (!open) {
      if (arcs.length === 0) {
        // The first subidentifier packs two arcs: 40 * X + Y, X in 0..2.
        const x = value < 40n ? 0n : value < 80n ? 1n : 2n;
        arcs.push(x, value - 40n * x);
      } else {
        arcs.push(value);
      }
      value = 0n;
    }
  }
  if (open) throw new DerError('OBJECT IDENTIFIER ends inside a subidentifier');
  return arcs.join('.');
}

const SIGNATURE_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.3': 'dsa-with-sha1',
  '2.16.840.1.101.3.4.3.1': 'dsa-with-sha224',
  '2.16.840.1.101.3.4.3.2': 'dsa-with-sha256',
};

const RSASSA_PSS = '1.2.840.113549.1.1.10';

const HASHES: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'SHA1',
  '2.16.840.1.101.3.4.2.4': 'SHA224',
  '2.16.840.1.101.3.4.2.1': 'SHA256',
  '2.16.840.1.101.3.4.2.2': 'SHA384',
  '2.16.840.1.101.3.4.2.3': 'SHA512',
};

/**
 * RSASSA-PSS names its hash in the parameters; an absent hashAlgorithm means SHA-1 (RFC 4055
 * section 3.1), so the name always carries the hash: 'RSASSA-PSS-SHA256', 'RSASSA-PSS-SHA1'.
 */
function pssName(der: Uint8Array, algorithm: Tlv, oid: Tlv): string {
  let hash = 'SHA1';
  if (oid.end < algorithm.end) {
    const params = expect(readTlv(der, oid.end, algorithm.end, 'RSASSA-PSS parameters'), SEQUENCE, 'RSASSA-PSS parameters');
    if (params.start < params.end) {
      const first = readTlv(der, params.start, params.end, 'RSASSA-PSS hashAlgorithm');
      if (first.tag === CONTEXT_0) {
        const hashAlg = expect(readTlv(der, first.start, first.end, 'RSASSA-PSS hashAlgorithm'), SEQUENCE, 'RSASSA-PSS hashAlgorithm');
        const hashOid = decodeOid(der, expect(readTlv(der, hashAlg.start, hashAlg.end, 'RSASSA-PSS hash'), OID, 'RSASSA-PSS hash'));
        hash = HASHES[hashOid] ?? hashOid;
      }
    }
  }
  return `RSASSA-PSS-${hash}`;
}

/**
 * The certificate's signatureAlgorithm (the outer one, which must equal the TBS copy), by the name
 * OpenSSL and RFCs use, or the dotted OID when it is not one we know. Throws DerError.
 */
export function signatureAlgorithm(der: Uint8Array): string {
  const cert = expect(readTlv(der, 0, der.length, 'Certificate'), SEQUENCE, 'Certificate');
  const tbs = expect(readTlv(der, cert.start, cert.end, 'tbsCertificate'), SEQUENCE, 'tbsCertificate');
  const algorithm = expect(readTlv(der, tbs.end, cert.end, 'signatureAlgorithm'), SEQUENCE, 'signatureAlgorithm');
  const oidTlv = expect(readTlv(der, algorithm.start, algorithm.end, 'signature OID'), OID, 'signature OID');
  const oid = decodeOid(der, oidTlv);
  if (oid === RSASSA_PSS) return pssName(der, algorithm, oidTlv);
  return SIGNATURE_ALGORITHMS[oid] ?? oid;
}

const SET = 0x31;
const UTF16BE = new TextDecoder('utf-16be');

/** An attribute value of a Name as text: the string types decoded, anything else as hex. */
function attributeText(der: Uint8Array, {tag, start, end}: Tlv): string {
  const bytes = Buffer.from(der.buffer, der.byteOffset + start, end - start);
  switch (tag) {
    case 0x0c: // UTF8String
      return bytes.toString('utf8');
    case 0x13: // PrintableString
    case 0x14: // TeletexString, in practice Latin-1
    case 0x16: // IA5String
    case 0x1a: // VisibleString
      return bytes.toString('latin1');
    case 0x1e: // BMPString
      return UTF16BE.decode(bytes);
    default:
      return `#${tag.toString(16)}:${bytes.toString('hex')}`;
  }
}

/**
 * A Name as a lookup key: each attribute as `type=text` (the type's OID bytes in hex, its text
 * trimmed, whitespace runs made one space and lower-cased). OpenSSL matches issuer names on the same
 * canonical form, so two encodings of one name (PrintableString here, UTF8String there) get one
 * key; a key may only be coarser than OpenSSL's match, never finer, since `checkIssued` still
 * decides.
 */
function nameKey(der: Uint8Array, name: Tlv): string {
  const rdns: string[] = [];
  for (let at = name.start; at < name.end;) {
    const rdn = expect(readTlv(der, at, name.end, 'RelativeDistinguishedName'), SET, 'RelativeDistinguishedName');
    const attributes: string[] = [];
    for (let a = rdn.start; a < rdn.end;) {
      const attribute = expect(readTlv(der, a, rdn.end, 'AttributeTypeAndValue'), SEQUENCE, 'AttributeTypeAndValue');
      const type = expect(readTlv(der, attribute.start, attribute.end, 'attribute type'), OID, 'attribute type');
      const text = attributeText(der, readTlv(der, type.end, attribute.end, 'attribute value'));
      attributes.push(
        `${Buffer.from(der.buffer, der.byteOffset + type.start, type.end - type.start).toString('hex')}=${text.trim().replace(/\s+/g, ' ').toLowerCase()}`,
      );
      a = attribute.end;
    }
    rdns.push(attributes.length === 1 ? (attributes[0] ?? '') : attributes.sort().join('+'));
    at = rdn.end;
  }
  return rdns.join(',');
}

/** Where the issuer and subject Names of a DER certificate are. Throws DerError. */
function names(der: Uint8Array): {issuer: Tlv; subject: Tlv} {
  const cert = expect(readTlv(der, 0, der.length, 'Certificate'), SEQUENCE, 'Certificate');
  const tbs = expect(readTlv(der, cert.start, cert.end, 'tbsCertificate'), SEQUENCE, 'tbsCertificate');
  let at = tbs.start;
  const next = (what: string): Tlv => {
    const tlv = readTlv(der, at, tbs.end, what);
    at = tlv.end;
    return tlv;
  };
  // version is [0] EXPLICIT and optional (absent in v1 certificates); serialNumber follows.
  if (next('version or serialNumber').tag === CONTEXT_0) next('serialNumber');
  next('signature');
  const issuer = expect(next('issuer'), SEQUENCE, 'issuer');
  next('validity');
  return {issuer, subject: expect(next('subject'), SEQUENCE, 'subject')};
}

/**
 * The issuer and subject of a DER certificate as their exact bytes (as a binary string): how a CA
 * almost always writes its own name into what it issues, and cheap enough to index every root
 * before the first handshake. Throws DerError.
 */
export function rawNames(der: Uint8Array): {issuer: string; subject: string} {
  const {issuer, subject} = names(der);
  const bytes = ({start, end}: Tlv): string => Buffer.from(der.buffer, der.byteOffset + start, end - start).toString('latin1');
  return {issuer: bytes(issuer), subject: bytes(subject)};
}

/** The issuer and subject of a DER certificate as canonical lookup keys (see nameKey). Throws DerError. */
export function nameKeys(der: Uint8Array): {issuer: string; subject: string} {
  const {issuer, subject} = names(der);
  return {issuer: nameKey(der, issuer), subject: nameKey(der, subject)};
}

export interface KeyInfo {
  readonly keyType: KeyType;
  readonly keyBits: number;
  readonly curve?: string;
}

/** EdDSA keys have one size each: 256 for Ed25519 (32-byte keys, like P-256), 448 for Ed448's curve. */
const EDDSA_BITS = {ed25519: 256, ed448: 448} as const;

/** Key type and size; 'unknown' with 0 bits for an algorithm Node cannot load. */
export function keyInfo(key: KeyObject): KeyInfo {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return {keyType: 'rsa', keyBits: details.modulusLength ?? 0};
    case 'dsa':
      return {keyType: 'dsa', keyBits: details.modulusLength ?? 0};
    case 'ec': {
      const curve = details.namedCurve ?? '';
      // Every named curve OpenSSL knows carries its field size as a 3-digit group: prime256v1,
      // secp384r1, secp521r1, brainpoolP512r1, sect571k1.
      const bits = Number(/\d{3}/.exec(curve)?.[0] ?? 0);
      return {keyType: 'ec', keyBits: bits, ...(curve ? {curve} : {})};
    }
    case 'ed25519':
    case 'ed448':
      return {keyType: key.asymmetricKeyType, keyBits: EDDSA_BITS[key.asymmetricKeyType]};
    default:
      return {keyType: 'unknown', keyBits: 0};
  }
}

function publicKeyInfo(cert: X509Certificate): KeyInfo {
  try {
    return keyInfo(cert.publicKey);
  } catch {
    // Node throws on keys OpenSSL cannot load (e.g. GOST); the certificate is still worth reporting.
    return {keyType: 'unknown', keyBits: 0};
  }
}

/**
 * Splits Node's `subjectAltName` ("DNS:a, IP Address:1.2.3.4"). Since the CVE-2021-44532 fix Node
 * JSON-quotes a value with special characters and writes its commas as \u002c, so ", " only separates.
 */
function splitAltNames(text: string | undefined): string[] {
  return text ? text.split(', ') : [];
}

/** Node prints a name one RDN a line (commas inside values escaped); one line reads better in a report. */
function oneLine(name: string): string {
  return name.split('\n').join(', ');
}

/** Node 20 gives dates as OpenSSL prints them ("Nov 29 13:51:12 2026 GMT"). */
function parseDate(text: string, what: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new DerError(`unreadable ${what} date "${text}"`);
  return date;
}

export function notBefore(cert: X509Certificate): Date {
  return parseDate(cert.validFrom, 'notBefore');
}

export function notAfter(cert: X509Certificate): Date {
  return parseDate(cert.validTo, 'notAfter');
}

/**
 * Issuer name equals subject and its own key verifies the signature. Not `checkIssued(cert)`: that
 * also wants keyCertSign in the key usage, which a self-signed server certificate rarely has.
 */
export function isSelfSigned(cert: X509Certificate): boolean {
  return cert.subject === cert.issuer && verifies(cert, cert);
}

function verifies(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    // An issuer key Node cannot load cannot vouch for anything.
    return false;
  }
}

/** The report's view of one certificate. Throws DerError when the DER or a date cannot be read. */
export function toCertInfo(cert: X509Certificate): CertInfo {
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    serialNumber: cert.serialNumber,
    subjectAltNames: splitAltNames(cert.subjectAltName),
    notBefore: notBefore(cert).toISOString(),
    notAfter: notAfter(cert).toISOString(),
    ...publicKeyInfo(cert),
    signatureAlgorithm: signatureAlgorithm(cert.raw),
    selfSigned: isSelfSigned(cert),
    isCa: cert.ca,
    fingerprint256: cert.fingerprint256,
  };
}

/** Every certificate block of a PEM text (a CA file often holds several), unparsed. */
export function pemBlocks(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}

export type Trust = TlsCertificate['trust'];

/** Real paths are 2–4 certificates; a bound on the work a web of cross-signed certificates can cause. */
const MAX_PATH_LENGTH = 10;

function same(a: X509Certificate, b: X509Certificate): boolean {
  return a.fingerprint256 === b.fingerprint256;
}

/** Whether the certificate names where its issuer can be downloaded (AIA "CA Issuers"). */
function publishesIssuer(cert: X509Certificate): boolean {
  return /^CA Issuers - /m.test(cert.infoAccess ?? '');
}

/**
 * Builds the path from the leaf (`sent[0]`) to a trust anchor using only the certificates the
 * server sent, and judges it at `at`. At each step the issuer is looked for among the anchors first,
 * then among the sent certificates (OpenSSL's trusted-first order); an issuer must match by name and
 * key identifier (`checkIssued`) and its key must verify the signature. Any anchor counts, also one
 * that is not self-signed (a user's --ca-file may hold an intermediate).
 *
 * One problem is reported, the first that stops the path:
 * - 'self-signed': the leaf is its own issuer and not an anchor;
 * - 'bad-signature': certificates that match as issuer exist, but none of their keys verifies;
 * - 'incomplete-chain': the path stops at a certificate (not self-signed) whose issuer was not sent
 *   and is not an anchor, and that certificate publishes its issuer's URL (AIA "CA Issuers", which
 *   publicly trusted CAs must include): the server left out an intermediate. We never fetch it,
 *   as many clients (curl, most API clients) do not either;
 * - 'unknown-issuer': the same without an AIA URL (a private CA), the path ends at a
 *   self-signed root that is not an anchor, or it is longer than MAX_PATH_LENGTH.
 * Dates are judged only on a path that reaches an anchor, every certificate of it including the
 * anchor: 'expired-in-chain' before 'not-yet-valid-in-chain'. `completeAsSent` is true when that path
 * exists, whatever the dates.
 */
export function validatePath(sent: readonly X509Certificate[], anchors: readonly X509Certificate[], at: Date): Trust {
  const leaf = sent[0];
  if (!leaf) throw new Error('validatePath needs at least the leaf');
  const path: X509Certificate[] = [];
  let current = leaf;
  const untrusted = (problem: TrustProblem): Trust => ({trusted: false, problem, completeAsSent: false});
  for (;;) {
    path.push(current);
    const anchor = anchors.find((a) => same(a, current));
    if (anchor) return judgeDates(path, anchor, at);
    if (path.length >= MAX_PATH_LENGTH) return untrusted('unknown-issuer');
    const onPath = (c: X509Certificate): boolean => path.some((p) => same(p, c));
    const candidates = [...anchors, ...sent].filter((c) => !onPath(c) && current.checkIssued(c));
    const issuer = candidates.find((c) => verifies(current, c));
    if (!issuer) {
      if (candidates.length > 0) return untrusted('bad-signature');
      if (isSelfSigned(current)) return untrusted(current === leaf ? 'self-signed' : 'unknown-issuer');
      return untrusted(publishesIssuer(current) ? 'incomplete-chain' : 'unknown-issuer');
    }
    current = issuer;
  }
}

function judgeDates(path: readonly X509Certificate[], anchor: X509Certificate, at: Date): Trust {
  const anchored = {completeAsSent: true, anchor: oneLine(anchor.subject)};
  const time = at.getTime();
  if (path.some((c) => notAfter(c).getTime() < time)) return {trusted: false, problem: 'expired-in-chain', ...anchored};
  if (path.some((c) => notBefore(c).getTime() > time)) return {trusted: false, problem: 'not-yet-valid-in-chain', ...anchored};
  return {trusted: true, ...anchored};
}
