/**
 * TLS on the wire, without sockets: ClientHello records for SSLv3 … TLS 1.3 and an SSLv2
 * CLIENT-HELLO, and a parser for what a server sends back first (ServerHello, HelloRetryRequest,
 * Alert, SSLv2 SERVER-HELLO, and for TLS ≤ 1.2 the ServerKeyExchange of the same flight).
 * RFC 8446 (TLS 1.3), RFC 5246 (TLS 1.2), RFC 6101 (SSLv3), the SSL 2.0 draft.
 */
import {randomBytes} from 'node:crypto';
import {isIP} from 'node:net';

export type HelloVersion = 'SSLv3' | 'TLSv1.0' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export const VERSION_CODES: Readonly<Record<HelloVersion, number>> = {
  SSLv3: 0x0300,
  'TLSv1.0': 0x0301,
  'TLSv1.1': 0x0302,
  'TLSv1.2': 0x0303,
  'TLSv1.3': 0x0304,
};

const ContentType = {changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23, heartbeat: 24} as const;
const HandshakeType = {clientHello: 1, serverHello: 2, certificate: 11, serverKeyExchange: 12, serverHelloDone: 14} as const;
export const ExtensionType = {
  serverName: 0,
  supportedGroups: 10,
  ecPointFormats: 11,
  signatureAlgorithms: 13,
  padding: 21,
  extendedMasterSecret: 23,
  supportedVersions: 43,
  keyShare: 51,
  renegotiationInfo: 0xff01,
} as const;

/** Signalling suite values (RFC 5746, RFC 7507): offered as suites, never chosen. */
export const EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;
export const FALLBACK_SCSV = 0x5600;
const COMPRESSION_NULL = 0;
export const COMPRESSION_DEFLATE = 1;
const GROUP_X25519 = 0x001d;

/** Alert descriptions by number (RFC 8446 §6, RFC 7507 for 86). */
export const ALERTS: Readonly<Record<number, string>> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  22: 'record_overflow',
  30: 'decompression_failure',
  40: 'handshake_failure',
  41: 'no_certificate',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  47: 'illegal_parameter',
  50: 'decode_error',
  51: 'decrypt_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  109: 'missing_extension',
  110: 'unsupported_extension',
  112: 'unrecognized_name',
  120: 'no_application_protocol',
};

/**
 * Every signature scheme a server might need to sign with (TLS 1.2 and 1.3), strongest first, down
 * to SHA-1 and DSA: a scanner must not make a legacy server look dead by refusing its only signature.
 */
const SIGNATURE_ALGORITHMS = [
  0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x081a, 0x081b, 0x081c, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b, 0x0401, 0x0501, 0x0601, 0x0303,
  0x0301, 0x0302, 0x0402, 0x0502, 0x0602, 0x0203, 0x0201, 0x0202,
];

/** SHA-256 of "HelloRetryRequest": the ServerHello.random that marks an HRR (RFC 8446 §4.1.3). */
export const HELLO_RETRY_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');

/** A record's payload may not exceed 2^14 (+2048 when protected, RFC 5246 §6.2.3); more is garbage. */
const MAX_RECORD_PAYLOAD = 16384 + 2048;

export interface ClientHelloOptions {
  readonly version: HelloVersion;
  /** Cipher suite code points, in preference order. */
  readonly suites: readonly number[];
  /** Host name for SNI; omitted for IP literals (RFC 6066 §3) and for SSLv3, which has no extensions. */
  readonly serverName?: string;
  /** supported_groups, in preference order (TLS 1.0 and later). */
  readonly groups: readonly number[];
  /** TLS 1.3: a 32-byte x25519 public key to share; without it the key_share list is empty, which asks for a HelloRetryRequest. */
  readonly x25519Share?: Uint8Array;
  /** Append TLS_FALLBACK_SCSV (RFC 7507). */
  readonly fallbackScsv?: boolean;
  /** Offer DEFLATE before null compression (TLS ≤ 1.2). */
  readonly compression?: boolean;
  /** ClientHello.random; fresh random bytes unless given (fixtures). */
  readonly random?: Uint8Array;
}

const u8 = (n: number): Buffer => Buffer.from([n & 0xff]);
const u16 = (n: number): Buffer => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u24 = (n: number): Buffer => Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
const vec8 = (body: Uint8Array): Buffer => Buffer.concat([u8(body.length), body]);
const vec16 = (body: Uint8Array): Buffer => Buffer.concat([u16(body.length), body]);
const list16 = (values: readonly number[]): Buffer => Buffer.concat(values.map(u16));
const extension = (type: number, body: Uint8Array): Buffer => Buffer.concat([u16(type), vec16(body)]);

function serverNameExtension(name: string): Buffer {
  const host = Buffer.from(name, 'ascii');
  return extension(ExtensionType.serverName, vec16(Buffer.concat([u8(0), vec16(host)])));
}

function helloExtensions(o: ClientHelloOptions): Buffer[] {
  const tls13 = o.version === 'TLSv1.3';
  const tls12Plus = tls13 || o.version === 'TLSv1.2';
  const exts: Buffer[] = [];
  // RFC 6066 §3: a host name without the trailing dot, and none for an IP literal.
  const host = o.serverName?.replace(/\.$/, '');
  if (host && isIP(host) === 0) exts.push(serverNameExtension(host));
  if (!tls13) exts.push(extension(ExtensionType.ecPointFormats, vec8(Buffer.from([0]))));
  if (o.groups.length > 0) exts.push(extension(ExtensionType.supportedGroups, vec16(list16(o.groups))));
  // RFC 5246 §7.4.1.4.1: clients offering versions before 1.2 must not send signature_algorithms.
  if (tls12Plus) exts.push(extension(ExtensionType.signatureAlgorithms, vec16(list16(SIGNATURE_ALGORITHMS))));
  if (!tls13) {
    exts.push(extension(ExtensionType.extendedMasterSecret, Buffer.alloc(0)));
    exts.push(extension(ExtensionType.renegotiationInfo, vec8(Buffer.alloc(0))));
  } else {
    exts.push(extension(ExtensionType.supportedVersions, vec8(u16(VERSION_CODES['TLSv1.3']))));
    const shares = o.x25519Share ? Buffer.concat([u16(GROUP_X25519), vec16(o.x25519Share)]) : Buffer.alloc(0);
    exts.push(extension(ExtensionType.keyShare, vec16(shares)));
  }
  return exts;
}

/**
 * One ClientHello record. SSLv3 hellos carry no extensions and signal RFC 5746 with the SCSV;
 * TLS 1.3 hellos say 1.2 in legacy_version and 1.3 in supported_versions only, so an answer
 * proves 1.3 itself is accepted.
 */
export function buildClientHello(o: ClientHelloOptions): Buffer {
  const random = o.random ?? randomBytes(32);
  if (random.length !== 32) throw new Error('ClientHello.random must be 32 bytes');
  if (o.x25519Share && o.x25519Share.length !== 32) throw new Error('an x25519 key share is 32 bytes');
  const sslv3 = o.version === 'SSLv3';
  const tls13 = o.version === 'TLSv1.3';
  const suites = [...o.suites, ...(sslv3 ? [EMPTY_RENEGOTIATION_INFO_SCSV] : []), ...(o.fallbackScsv ? [FALLBACK_SCSV] : [])];
  const compression = o.compression && !tls13 ? [COMPRESSION_DEFLATE, COMPRESSION_NULL] : [COMPRESSION_NULL];
  const head = Buffer.concat([
    u16(tls13 ? VERSION_CODES['TLSv1.2'] : VERSION_CODES[o.version]),
    random,
    vec8(Buffer.alloc(0)),
    vec16(list16(suites)),
    vec8(Buffer.from(compression)),
  ]);
  let body = head;
  if (!sslv3) {
    const exts = helloExtensions(o);
    // Some TLS terminators (F5) hang on ClientHellos of 256–511 bytes; RFC 7685 pads them past 511.
    const length = head.length + 2 + exts.reduce((n, e) => n + e.length, 0);
    // At least one byte of padding: some servers also fail when the last extension is empty.
    if (length >= 256 && length < 512) exts.push(extension(ExtensionType.padding, Buffer.alloc(Math.max(1, 512 - length - 4))));
    body = Buffer.concat([head, vec16(Buffer.concat(exts))]);
  }
  const message = Buffer.concat([u8(HandshakeType.clientHello), u24(body.length), body]);
  // RFC 8446 §5.1: the record of an initial ClientHello says TLS 1.0 for compatibility; SSLv3 servers expect SSLv3.
  return Buffer.concat([u8(ContentType.handshake), u16(sslv3 ? 0x0300 : 0x0301), u16(message.length), message]);
}

/** An SSLv2 CLIENT-HELLO (2-byte record header) offering these 3-byte cipher kinds. */
export function buildSslv2ClientHello(cipherKinds: readonly number[], challenge: Uint8Array = randomBytes(16)): Buffer {
  if (challenge.length < 16 || challenge.length > 32) throw new Error('an SSLv2 challenge is 16 to 32 bytes');
  const specs = Buffer.concat(cipherKinds.map((k) => Buffer.from([(k >> 16) & 0xff, (k >> 8) & 0xff, k & 0xff])));
  const message = Buffer.concat([u8(1), u16(0x0002), u16(specs.length), u16(0), u16(challenge.length), specs, challenge]);
  return Buffer.concat([u16(0x8000 | message.length), message]);
}

export interface ServerHello {
  /** The negotiated version: supported_versions' selection when present, else the legacy field. */
  readonly version: number;
  /** A HelloRetryRequest (TLS 1.3): `group` is the group the server asks a share for. */
  readonly helloRetry: boolean;
  readonly cipherSuite: number;
  readonly compression: number;
  /** renegotiation_info came back (RFC 5746). */
  readonly secureRenegotiation: boolean;
  /** key_share: the server's group (ServerHello) or the group it asks for (HelloRetryRequest). */
  readonly group?: number;
  /** Extension types in the order received. */
  readonly extensions: readonly number[];
}

export type ServerAnswer =
  | {readonly kind: 'hello'; readonly hello: ServerHello; readonly serverKeyExchange?: Uint8Array}
  | {readonly kind: 'alert'; readonly level: number; readonly description: number}
  | {readonly kind: 'sslv2-hello'; readonly version: number; readonly cipherKinds: readonly number[]}
  | {readonly kind: 'sslv2-error'; readonly code: number}
  /** The bytes are not TLS at all (an HTTP server on the port, a banner). */
  | {readonly kind: 'not-tls'; readonly reason: string}
  /** TLS records, but not a well-formed answer. */
  | {readonly kind: 'malformed'; readonly reason: string};

/** What the caller needs: the first message only, or the flight up to the ServerKeyExchange (TLS ≤ 1.2). */
export type Want = 'hello' | 'key-exchange';

/** A short printable excerpt of bytes that are not TLS, for an error message. */
function describeNonTls(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 32));
  const printable = head.filter((b) => (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d).length;
  if (printable >= head.length * 0.8) {
    const text = head
      .toString('latin1')
      .replace(/[^\x20-\x7e]+/g, ' ')
      .trim();
    return `the server answered "${text}" instead of TLS`;
  }
  return `the server answered bytes that are not TLS (${head.subarray(0, 8).toString('hex')})`;
}

/** The byte at `index` of a range the caller has measured; RangeError('truncated'), as Reader throws, if it has not. */
function byteAt(bytes: Uint8Array, index: number): number {
  const byte = bytes[index];
  if (byte === undefined) throw new RangeError('truncated');
  return byte;
}

/** The big-endian 16-bit number at `index`. */
function u16At(bytes: Uint8Array, index: number): number {
  return (byteAt(bytes, index) << 8) | byteAt(bytes, index + 1);
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Uint8Array) {}
  get left(): number {
    return this.buf.length - this.at;
  }
  bytes(n: number): Uint8Array {
    if (n > this.left) throw new RangeError('truncated');
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  u8(): number {
    return byteAt(this.bytes(1), 0);
  }
  u16(): number {
    return u16At(this.bytes(2), 0);
  }
  vec8(): Uint8Array {
    return this.bytes(this.u8());
  }
  vec16(): Uint8Array {
    return this.bytes(this.u16());
  }
}

function parseServerHello(body: Uint8Array): ServerHello {
  const r = new Reader(body);
  const legacyVersion = r.u16();
  const random = r.bytes(32);
  r.vec8();
  const cipherSuite = r.u16();
  const compression = r.u8();
  const helloRetry = Buffer.from(random).equals(HELLO_RETRY_RANDOM);
  let version = legacyVersion;
  let group: number | undefined;
  let secureRenegotiation = false;
  const extensions: number[] = [];
  if (r.left > 0) {
    const exts = new Reader(r.vec16());
    while (exts.left > 0) {
      const type = exts.u16();
      const data = new Reader(exts.vec16());
      extensions.push(type);
      if (type === ExtensionType.supportedVersions) version = data.u16();
      else if (type === ExtensionType.keyShare) group = data.u16();
      else if (type === ExtensionType.renegotiationInfo) secureRenegotiation = true;
    }
  }
  return {version, helloRetry, cipherSuite, compression, secureRenegotiation, ...(group === undefined ? {} : {group}), extensions};
}

function parseSslv2(bytes: Uint8Array): ServerAnswer | undefined {
  if (bytes.length < 2) return undefined;
  const length = u16At(bytes, 0) & 0x7fff;
  if (bytes.length < 2 + length) return undefined;
  const r = new Reader(bytes.subarray(2, 2 + length));
  try {
    const type = r.u8();
    if (type === 0) return {kind: 'sslv2-error', code: r.u16()};
    if (type !== 4) return {kind: 'not-tls', reason: describeNonTls(bytes)};
    r.u8(); // session-id-hit
    r.u8(); // certificate type
    const version = r.u16();
    const certLength = r.u16();
    const specsLength = r.u16();
    r.u16(); // connection-id length
    r.bytes(certLength);
    if (specsLength % 3 !== 0) return {kind: 'malformed', reason: `SSLv2 cipher specs of ${specsLength} bytes (not a multiple of 3)`};
    const specs = r.bytes(specsLength);
    const cipherKinds: number[] = [];
    for (let i = 0; i < specs.length; i += 3) cipherKinds.push((byteAt(specs, i) << 16) | u16At(specs, i + 1));
    return {kind: 'sslv2-hello', version, cipherKinds};
  } catch {
    return {kind: 'malformed', reason: 'a truncated SSLv2 SERVER-HELLO'};
  }
}

/**
 * Parses what the server has sent so far. Returns undefined while more bytes are needed; callers
 * cap the bytes they accumulate. Handles records split across reads and handshake messages split
 * across records; skips warning alerts sent before the ServerHello (unrecognized_name is common).
 * With `ended` (the connection closed) an incomplete flight still yields the ServerHello it holds.
 */
export function parseServerAnswer(bytes: Uint8Array, want: Want, ended = false): ServerAnswer | undefined {
  if (bytes.length === 0) return undefined;
  if ((byteAt(bytes, 0) & 0x80) !== 0) return parseSslv2(bytes) ?? (ended ? {kind: 'malformed', reason: 'a truncated SSLv2 record'} : undefined);
  let at = 0;
  const handshake: Uint8Array[] = [];
  let flight: Flight = {};
  while (bytes.length - at >= 5) {
    const type = byteAt(bytes, at);
    const major = byteAt(bytes, at + 1);
    const length = u16At(bytes, at + 3);
    if (type < ContentType.changeCipherSpec || type > ContentType.heartbeat || major !== 3) {
      return flight.hello ? {kind: 'hello', hello: flight.hello} : {kind: 'not-tls', reason: describeNonTls(bytes.subarray(at))};
    }
    if (length > MAX_RECORD_PAYLOAD) return {kind: 'malformed', reason: `a record of ${length} bytes (the limit is ${MAX_RECORD_PAYLOAD})`};
    if (bytes.length - at - 5 < length) break;
    const payload = bytes.subarray(at + 5, at + 5 + length);
    at += 5 + length;
    if (type === ContentType.alert) {
      if (flight.hello) return {kind: 'hello', hello: flight.hello};
      if (payload.length < 2) return {kind: 'malformed', reason: `an alert record of ${payload.length} bytes`};
      const level = byteAt(payload, 0);
      const description = byteAt(payload, 1);
      if (level === 1 && description !== 0) continue;
      return {kind: 'alert', level, description};
    }
    if (type !== ContentType.handshake) {
      if (flight.hello) return {kind: 'hello', hello: flight.hello};
      return {kind: 'malformed', reason: `a record of content type ${type} before the ServerHello`};
    }
    handshake.push(payload);
    flight = scanHandshake(Buffer.concat(handshake), want);
    if (flight.answer) return flight.answer;
  }
  if (!ended) return undefined;
  if (flight.hello) return {kind: 'hello', hello: flight.hello};
  const type = byteAt(bytes, 0);
  const looksLikeTls = type >= ContentType.changeCipherSpec && type <= ContentType.heartbeat && (bytes.length < 2 || bytes[1] === 3);
  if (!looksLikeTls) return {kind: 'not-tls', reason: describeNonTls(bytes)};
  return {kind: 'malformed', reason: 'the server closed the connection inside its first message'};
}

interface Flight {
  /** Set when `want` is satisfied or the flight cannot satisfy it. */
  readonly answer?: ServerAnswer;
  /** The ServerHello, once complete. */
  readonly hello?: ServerHello;
}

/** Walks the handshake messages received so far. */
function scanHandshake(stream: Uint8Array, want: Want): Flight {
  let at = 0;
  let hello: ServerHello | undefined;
  while (stream.length - at >= 4) {
    const type = byteAt(stream, at);
    const length = (byteAt(stream, at + 1) << 16) | u16At(stream, at + 2);
    if (stream.length - at - 4 < length) break;
    const body = stream.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    if (!hello) {
      if (type !== HandshakeType.serverHello)
        return {answer: {kind: 'malformed', reason: `handshake message ${type} where a ServerHello was expected`}};
      try {
        hello = parseServerHello(body);
      } catch {
        return {answer: {kind: 'malformed', reason: 'a truncated ServerHello'}};
      }
      if (want === 'hello' || hello.helloRetry || hello.version >= VERSION_CODES['TLSv1.3']) return {answer: {kind: 'hello', hello}};
      continue;
    }
    if (type === HandshakeType.serverKeyExchange) return {answer: {kind: 'hello', hello, serverKeyExchange: Uint8Array.from(body)}};
    if (type === HandshakeType.serverHelloDone) return {answer: {kind: 'hello', hello}};
  }
  return hello ? {hello} : {};
}

/** Bits of the prime in a DHE ServerKeyExchange (ServerDHParams starts with dh_p<1..2^16-1>). */
export function dhPrimeBits(serverKeyExchange: Uint8Array): number | undefined {
  try {
    const p = new Reader(serverKeyExchange).vec16();
    const first = p.findIndex((b) => b !== 0);
    const lead = p[first];
    // No lead byte: the prime is all zeros (first is -1).
    if (lead === undefined) return undefined;
    return (p.length - first) * 8 - Math.clz32(lead) + 24;
  } catch {
    return undefined;
  }
}

/** The named group of an ECDHE ServerKeyExchange (curve_type 3 = named_curve, RFC 8422 §5.4). */
export function ecdheGroup(serverKeyExchange: Uint8Array): number | undefined {
  try {
    const r = new Reader(serverKeyExchange);
    return r.u8() === 3 ? r.u16() : undefined;
  } catch {
    return undefined;
  }
}
