/**
 * The ClientHello builder and the answer parser, against answers captured once from real servers
 * on loopback (test/fixtures/tls/*.hex: nginx with OpenSSL 3.0, gnutls-serv 3.7; see the README
 * there) and hand-built edge cases: records split across reads and messages across records,
 * alerts, a HelloRetryRequest, truncation, SSLv2, and bytes that are not TLS.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {
  buildClientHello,
  buildSslv2ClientHello,
  dhPrimeBits,
  ecdheGroup,
  ExtensionType,
  FALLBACK_SCSV,
  EMPTY_RENEGOTIATION_INFO_SCSV,
  HELLO_RETRY_RANDOM,
  parseServerAnswer,
  type ClientHelloOptions,
  type ServerAnswer,
} from './wire.js';

const fixtureDir = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'tls');

/** A fixture's bytes: hex with `#` comment lines. */
function fixture(name: string): Buffer {
  const text = readFileSync(join(fixtureDir, `${name}.hex`), 'utf8');
  return Buffer.from(
    text
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('')
      .replace(/\s/g, ''),
    'hex',
  );
}

function hello(answer: ServerAnswer | undefined): Extract<ServerAnswer, {kind: 'hello'}> {
  if (answer?.kind !== 'hello') throw new Error(`expected a ServerHello, got ${JSON.stringify(answer)}`);
  return answer;
}

/** Feeds `bytes` one at a time, as the slowest TCP would deliver them; returns the first complete answer and where it came. */
function dripped(bytes: Buffer, want: 'hello' | 'key-exchange'): {answer: ServerAnswer; at: number} {
  for (let n = 1; n <= bytes.length; n++) {
    const answer = parseServerAnswer(bytes.subarray(0, n), want);
    if (answer) return {answer, at: n};
  }
  throw new Error('no answer from the whole fixture');
}

/** Splits the records' handshake bytes into records of at most `size` bytes (what a server may do). */
function reframe(bytes: Buffer, size: number): Buffer {
  const handshake: Buffer[] = [];
  for (let at = 0; at + 5 <= bytes.length; at += 5 + bytes.readUInt16BE(at + 3)) {
    handshake.push(bytes.subarray(at + 5, at + 5 + bytes.readUInt16BE(at + 3)));
  }
  const stream = Buffer.concat(handshake);
  const records: Buffer[] = [];
  for (let at = 0; at < stream.length; at += size) {
    const part = stream.subarray(at, at + size);
    records.push(Buffer.from([22, 3, 3, part.length >> 8, part.length & 0xff]), part);
  }
  return Buffer.concat(records);
}

const record = (type: number, payload: number[]): Buffer => Buffer.from([type, 3, 3, payload.length >> 8, payload.length & 0xff, ...payload]);

describe('parseServerAnswer on captured answers', () => {
  it('reads nginx’s TLS 1.2 ECDHE flight up to the ServerKeyExchange and its x25519 group', () => {
    const bytes = fixture('nginx-tls12-ecdhe-flight');
    const answer = hello(parseServerAnswer(bytes, 'key-exchange'));
    expect(answer.hello).toMatchObject({version: 0x0303, cipherSuite: 0xc02f, compression: 0, helloRetry: false, secureRenegotiation: true});
    expect(ecdheGroup(answer.serverKeyExchange!)).toBe(0x001d);
    expect(dhPrimeBits(answer.serverKeyExchange!)).not.toBe(2048);
  });

  it('stops at the ServerHello when only the hello is wanted', () => {
    const bytes = fixture('nginx-tls12-ecdhe-flight');
    const answer = hello(parseServerAnswer(bytes, 'hello'));
    expect(answer.serverKeyExchange).toBeUndefined();
    expect(answer.hello.cipherSuite).toBe(0xc02f);
  });

  it('measures the DH prime of a DHE ServerKeyExchange (nginx with ffdhe2048)', () => {
    const answer = hello(parseServerAnswer(fixture('nginx-tls12-dhe-flight'), 'key-exchange'));
    expect(answer.hello.cipherSuite).toBe(0x009e);
    expect(dhPrimeBits(answer.serverKeyExchange!)).toBe(2048);
    expect(ecdheGroup(answer.serverKeyExchange!)).toBeUndefined();
  });

  it('takes the TLS 1.3 version and key-share group from the extensions', () => {
    const answer = hello(parseServerAnswer(fixture('nginx-tls13-server-hello'), 'hello'));
    expect(answer.hello).toMatchObject({version: 0x0304, cipherSuite: 0x1301, group: 0x001d, helloRetry: false, secureRenegotiation: false});
    expect(answer.hello.extensions).toEqual([ExtensionType.supportedVersions, ExtensionType.keyShare]);
  });

  it('recognises a HelloRetryRequest by its random and reads the group asked for', () => {
    const bytes = fixture('nginx-tls13-hrr');
    expect(bytes.subarray(11, 43).equals(HELLO_RETRY_RANDOM)).toBe(true);
    const answer = hello(parseServerAnswer(bytes, 'key-exchange'));
    expect(answer.hello).toMatchObject({version: 0x0304, helloRetry: true, cipherSuite: 0x1301, group: 0x0018});
  });

  it('reads a fatal protocol_version alert', () => {
    expect(parseServerAnswer(fixture('nginx-alert-protocol-version'), 'hello')).toEqual({kind: 'alert', level: 2, description: 70});
  });

  it('reads the inappropriate_fallback alert a TLS 1.3 server sends to a fallback hello', () => {
    expect(parseServerAnswer(fixture('nginx-alert-inappropriate-fallback'), 'hello')).toEqual({kind: 'alert', level: 2, description: 86});
  });

  it('reads gnutls choosing 3DES, a suite Node’s OpenSSL cannot offer', () => {
    const answer = hello(parseServerAnswer(fixture('gnutls-tls12-3des'), 'hello'));
    expect(answer.hello).toMatchObject({version: 0x0303, cipherSuite: 0x000a, secureRenegotiation: true});
  });

  it.each(['nginx-tls12-ecdhe-flight', 'nginx-tls12-dhe-flight', 'nginx-tls13-server-hello', 'gnutls-tls12-3des'])(
    'gives the same answer to %s delivered one byte per read, and only once it is complete',
    (name) => {
      const bytes = fixture(name);
      const want = name.includes('flight') ? 'key-exchange' : 'hello';
      const {answer, at} = dripped(bytes, want);
      expect(answer).toEqual(parseServerAnswer(bytes, want));
      expect(at).toBe(bytes.length);
    },
  );

  it.each([7, 100, 1000])('reassembles a flight whose messages are split across %i-byte records', (size) => {
    const bytes = fixture('nginx-tls12-ecdhe-flight');
    const split = reframe(bytes, size);
    expect(split).not.toEqual(bytes);
    expect(parseServerAnswer(split, 'key-exchange')).toEqual(parseServerAnswer(bytes, 'key-exchange'));
  });
});

describe('parseServerAnswer on hand-built edge cases', () => {
  it('waits for more bytes while a record header or body is incomplete', () => {
    const bytes = fixture('gnutls-tls12-3des');
    expect(parseServerAnswer(bytes.subarray(0, 3), 'hello')).toBeUndefined();
    expect(parseServerAnswer(bytes.subarray(0, bytes.length - 1), 'hello')).toBeUndefined();
  });

  it('reports a connection closed inside the ServerHello as malformed, not as a refusal', () => {
    const bytes = fixture('gnutls-tls12-3des');
    expect(parseServerAnswer(bytes.subarray(0, 40), 'hello', true)).toMatchObject({kind: 'malformed'});
  });

  it('keeps the ServerHello when the connection ends before the ServerKeyExchange', () => {
    const bytes = reframe(fixture('nginx-tls12-ecdhe-flight'), 100);
    const cut = bytes.subarray(0, 5 + 100 + 5 + 10);
    expect(parseServerAnswer(cut, 'key-exchange')).toBeUndefined();
    expect(hello(parseServerAnswer(cut, 'key-exchange', true)).serverKeyExchange).toBeUndefined();
  });

  it('skips a warning unrecognized_name alert sent before the ServerHello', () => {
    const bytes = Buffer.concat([record(21, [1, 112]), fixture('gnutls-tls12-3des')]);
    expect(hello(parseServerAnswer(bytes, 'hello')).hello.cipherSuite).toBe(0x000a);
  });

  it('returns a warning close_notify as an alert', () => {
    expect(parseServerAnswer(record(21, [1, 0]), 'hello')).toEqual({kind: 'alert', level: 1, description: 0});
  });

  it('names an HTTP answer on a TLS port', () => {
    const answer = parseServerAnswer(Buffer.from('HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n'), 'hello');
    expect(answer).toEqual({kind: 'not-tls', reason: 'the server answered "HTTP/1.1 400 Bad Request Server" instead of TLS'});
  });

  it('calls binary garbage not TLS and shows its first bytes', () => {
    expect(parseServerAnswer(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04, 0x05]), 'hello')).toEqual({
      kind: 'not-tls',
      reason: 'the server answered bytes that are not TLS (000102030405)',
    });
  });

  it('rejects a record longer than TLS allows instead of waiting for it', () => {
    expect(parseServerAnswer(Buffer.from([22, 3, 3, 0xff, 0xff]), 'hello')).toMatchObject({kind: 'malformed'});
  });

  it('rejects an alert record too short to hold an alert', () => {
    expect(parseServerAnswer(record(21, [2]), 'hello')).toMatchObject({kind: 'malformed'});
  });

  it('rejects a handshake that does not start with a ServerHello', () => {
    expect(parseServerAnswer(record(22, [11, 0, 0, 0]), 'hello')).toMatchObject({kind: 'malformed'});
  });

  it('rejects a ServerHello whose body is cut short', () => {
    expect(parseServerAnswer(record(22, [2, 0, 0, 3, 3, 3, 0]), 'hello')).toEqual({kind: 'malformed', reason: 'a truncated ServerHello'});
  });

  it('reads an SSLv2 SERVER-HELLO and its cipher kinds', () => {
    const cert = [0x30, 0x03, 0x02, 0x01, 0x00];
    const specs = [0x01, 0x00, 0x80, 0x07, 0x00, 0xc0];
    const body = [4, 0, 1, 0x00, 0x02, 0, cert.length, 0, specs.length, 0, 16, ...cert, ...specs, ...new Array<number>(16).fill(7)];
    const bytes = Buffer.from([0x80 | (body.length >> 8), body.length & 0xff, ...body]);
    expect(parseServerAnswer(bytes.subarray(0, 10), 'hello')).toBeUndefined();
    expect(parseServerAnswer(bytes, 'hello')).toEqual({kind: 'sslv2-hello', version: 2, cipherKinds: [0x010080, 0x0700c0]});
  });

  it('reads an SSLv2 ERROR', () => {
    expect(parseServerAnswer(Buffer.from([0x80, 0x03, 0x00, 0x00, 0x01]), 'hello')).toEqual({kind: 'sslv2-error', code: 1});
  });
});

/** A minimal ClientHello reader for the builder's tests. */
function readHello(bytes: Buffer) {
  expect(bytes[0]).toBe(22);
  expect(bytes.readUInt16BE(3)).toBe(bytes.length - 5);
  expect(bytes[5]).toBe(1);
  const body = bytes.subarray(9);
  expect(bytes.readUIntBE(6, 3)).toBe(body.length);
  let at = 0;
  const version = body.readUInt16BE(at);
  at += 2 + 32;
  at += 1 + body[at]!;
  const suitesLength = body.readUInt16BE(at);
  const suites = Array.from({length: suitesLength / 2}, (_, i) => body.readUInt16BE(at + 2 + i * 2));
  at += 2 + suitesLength;
  const compression = [...body.subarray(at + 1, at + 1 + body[at]!)];
  at += 1 + body[at]!;
  const extensions = new Map<number, Buffer>();
  if (at < body.length) {
    const end = at + 2 + body.readUInt16BE(at);
    expect(end).toBe(body.length);
    for (at += 2; at < end; at += 4 + body.readUInt16BE(at + 2)) {
      extensions.set(body.readUInt16BE(at), body.subarray(at + 4, at + 4 + body.readUInt16BE(at + 2)));
    }
  }
  return {recordVersion: bytes.readUInt16BE(1), version, suites, compression, extensions, bodyLength: body.length};
}

const base: ClientHelloOptions = {version: 'TLSv1.2', suites: [0xc02f, 0x009c], groups: [0x001d, 0x0017], serverName: 'app.example.com'};

describe('buildClientHello', () => {
  it('builds a TLS 1.2 hello with SNI, groups, point formats, signature algorithms and renegotiation_info', () => {
    const h = readHello(buildClientHello(base));
    expect(h).toMatchObject({recordVersion: 0x0301, version: 0x0303, suites: [0xc02f, 0x009c], compression: [0]});
    expect(h.extensions.get(ExtensionType.serverName)!.subarray(5).toString()).toBe('app.example.com');
    expect(h.extensions.get(ExtensionType.supportedGroups)).toEqual(Buffer.from([0, 4, 0, 0x1d, 0, 0x17]));
    expect(h.extensions.get(ExtensionType.ecPointFormats)).toEqual(Buffer.from([1, 0]));
    expect(h.extensions.get(ExtensionType.renegotiationInfo)).toEqual(Buffer.from([0]));
    expect(h.extensions.has(ExtensionType.signatureAlgorithms)).toBe(true);
    expect(h.extensions.has(ExtensionType.supportedVersions)).toBe(false);
  });

  it('sends a fully qualified name without its trailing dot', () => {
    const h = readHello(buildClientHello({...base, serverName: 'app.example.com.'}));
    expect(h.extensions.get(ExtensionType.serverName)!.subarray(5).toString()).toBe('app.example.com');
  });

  it.each(['127.0.0.1', '::1'])('omits SNI for the IP literal %s', (ip) => {
    expect(readHello(buildClientHello({...base, serverName: ip})).extensions.has(ExtensionType.serverName)).toBe(false);
  });

  it('leaves signature_algorithms out before TLS 1.2 (RFC 5246 §7.4.1.4.1)', () => {
    const h = readHello(buildClientHello({...base, version: 'TLSv1.0'}));
    expect(h.version).toBe(0x0301);
    expect(h.extensions.has(ExtensionType.signatureAlgorithms)).toBe(false);
  });

  it('builds SSLv3 without extensions, signalling secure renegotiation with the SCSV', () => {
    const h = readHello(buildClientHello({...base, version: 'SSLv3'}));
    expect(h).toMatchObject({recordVersion: 0x0300, version: 0x0300, suites: [0xc02f, 0x009c, EMPTY_RENEGOTIATION_INFO_SCSV]});
    expect(h.extensions.size).toBe(0);
  });

  it('asks for TLS 1.3 in supported_versions only, with an x25519 share', () => {
    const share = Buffer.alloc(32, 0xab);
    const h = readHello(buildClientHello({...base, version: 'TLSv1.3', suites: [0x1301], x25519Share: share}));
    expect(h.version).toBe(0x0303);
    expect(h.extensions.get(ExtensionType.supportedVersions)).toEqual(Buffer.from([2, 3, 4]));
    expect(h.extensions.get(ExtensionType.keyShare)).toEqual(Buffer.concat([Buffer.from([0, 36, 0, 0x1d, 0, 32]), share]));
    expect(h.extensions.has(ExtensionType.renegotiationInfo)).toBe(false);
    expect(h.compression).toEqual([0]);
  });

  it('sends an empty key_share list to provoke a HelloRetryRequest', () => {
    const h = readHello(buildClientHello({...base, version: 'TLSv1.3', suites: [0x1301]}));
    expect(h.extensions.get(ExtensionType.keyShare)).toEqual(Buffer.from([0, 0]));
  });

  it('appends TLS_FALLBACK_SCSV and offers DEFLATE when asked', () => {
    const h = readHello(buildClientHello({...base, fallbackScsv: true, compression: true}));
    expect(h.suites.at(-1)).toBe(FALLBACK_SCSV);
    expect(h.compression).toEqual([1, 0]);
  });

  it('never offers compression in a TLS 1.3 hello', () => {
    expect(readHello(buildClientHello({...base, version: 'TLSv1.3', compression: true})).compression).toEqual([0]);
  });

  it('pads hellos out of the 256–511 byte range that hangs some terminators (RFC 7685), never with an empty last extension', () => {
    for (let n = 1; n < 200; n++) {
      const h = readHello(buildClientHello({...base, suites: Array.from({length: n}, (_, i) => 0x0a00 + i)}));
      expect(h.bodyLength < 256 || h.bodyLength >= 512).toBe(true);
      const padding = h.extensions.get(ExtensionType.padding);
      if (padding) expect(padding.length).toBeGreaterThan(0);
    }
  });

  it('uses the given random, so fixtures are reproducible', () => {
    const random = Buffer.alloc(32, 5);
    expect(buildClientHello({...base, random})).toEqual(buildClientHello({...base, random}));
    expect(buildClientHello(base)).not.toEqual(buildClientHello(base));
  });
});

describe('buildSslv2ClientHello', () => {
  it('builds a CLIENT-HELLO with a 2-byte header, version 2 and 3-byte cipher kinds', () => {
    const challenge = Buffer.alloc(16, 1);
    const bytes = buildSslv2ClientHello([0x010080, 0x0700c0], challenge);
    expect(bytes.readUInt16BE(0)).toBe(0x8000 | (bytes.length - 2));
    expect([...bytes.subarray(2, 11)]).toEqual([1, 0, 2, 0, 6, 0, 0, 0, 16]);
    expect(bytes.subarray(11, 17)).toEqual(Buffer.from([0x01, 0x00, 0x80, 0x07, 0x00, 0xc0]));
    expect(bytes.subarray(17)).toEqual(challenge);
  });
});
