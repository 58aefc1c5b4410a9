/**
 * The DER reader, key and certificate summaries, and path validation, on certificates the `openssl`
 * CLI makes in a temporary folder (OpenSSL 3.0 still signs with MD5 and SHA-1 when asked).
 */
import {execFileSync} from 'node:child_process';
import {X509Certificate} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {DerError, nameKeys, pemBlocks, rawNames, signatureAlgorithm, toCertInfo, validatePath} from './x509.js';

let dir: string;

function openssl(...args: string[]): void {
  execFileSync('openssl', args, {cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000});
}

/** A self-signed certificate for `/CN=<name>` with the given `-newkey` spec and extra `req` arguments. */
function selfSigned(name: string, newkey: string, ...extra: string[]): X509Certificate {
  openssl(
    'req',
    '-x509',
    '-newkey',
    newkey,
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-subj',
    `/CN=${name}`,
    '-days',
    '30',
    ...extra,
  );
  return new X509Certificate(fs.readFileSync(path.join(dir, `${name}.pem`)));
}

/** A certificate for `/CN=<name>` signed by `issuer`'s key, with extensions given one per line. */
function signed(name: string, issuer: string, ext: string[], days = 30): X509Certificate {
  openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  fs.writeFileSync(path.join(dir, `${name}.ext`), `${ext.join('\n')}\n`);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${issuer}.pem`,
    '-CAkey',
    `${issuer}.key`,
    '-set_serial',
    String(Date.now() % 1e9),
    '-days',
    String(days),
    '-sha256',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  );
  return new X509Certificate(fs.readFileSync(path.join(dir, `${name}.pem`)));
}

const CA_EXT = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash'];
const LEAF_EXT = ['basicConstraints=critical,CA:FALSE', 'subjectAltName=DNS:a.example, IP:127.0.0.1, email:ops@a.example'];
const AIA = 'authorityInfoAccess=caIssuers;URI:http://127.0.0.1:9/intermediate.crt';

const certs: Record<string, X509Certificate> = {};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipcheck-x509-'));
  certs.rsa1024 = selfSigned('rsa1024', 'rsa:1024', '-sha256');
  certs.rsa2048 = selfSigned('rsa2048', 'rsa:2048', '-sha256');
  certs.p256 = selfSigned('p256', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-sha256');
  certs.p384 = selfSigned('p384', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-sha384');
  certs.ed25519 = selfSigned('ed25519', 'ed25519');
  certs.sha1 = selfSigned('sha1', 'rsa:2048', '-sha1');
  certs.md5 = selfSigned('md5', 'rsa:2048', '-md5');
  certs.pss = selfSigned('pss', 'rsa-pss', '-pkeyopt', 'rsa_keygen_bits:2048', '-sigopt', 'rsa_padding_mode:pss', '-sha384');
  certs.pssRsaKey = selfSigned('pssRsaKey', 'rsa:2048', '-sigopt', 'rsa_padding_mode:pss', '-sha256');
  // The later -subj replaces the default one.
  certs.named = selfSigned('named', 'rsa:2048', '-subj', '/C=US/O=Acme\\, Inc./CN=named');
  certs.selfLeaf = selfSigned(
    'selfLeaf',
    'rsa:2048',
    '-addext',
    'basicConstraints=critical,CA:FALSE',
    '-addext',
    'keyUsage=critical,digitalSignature',
  );
  certs.ed448 = selfSigned('ed448', 'ed448');
  openssl('dsaparam', '-out', 'dsa.param', '2048');
  certs.dsa = selfSigned('dsa', 'dsa:dsa.param', '-sha256');
  // A SAN value with a comma needs a config section; Node quotes it.
  fs.writeFileSync(
    path.join(dir, 'comma.cnf'),
    '[req]\ndistinguished_name=dn\nprompt=no\nx509_extensions=ext\n[dn]\nCN=comma\n[ext]\nsubjectAltName=@alt\n[alt]\nDNS.1=x.example\nURI.1=https://a.example/x,y\n',
  );
  openssl(
    'req',
    '-x509',
    '-config',
    'comma.cnf',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-521',
    '-nodes',
    '-keyout',
    'comma.key',
    '-out',
    'comma.pem',
    '-days',
    '30',
  );
  certs.comma = new X509Certificate(fs.readFileSync(path.join(dir, 'comma.pem')));
  // A CA, an intermediate under it, and leaves under the intermediate with and without an AIA URL.
  certs.root = selfSigned(
    'root',
    'rsa:2048',
    '-sha256',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  certs.intermediate = signed('intermediate', 'root', CA_EXT);
  certs.leaf = signed('leaf', 'intermediate', [...LEAF_EXT, AIA]);
  certs.privateLeaf = signed('privateLeaf', 'intermediate', LEAF_EXT);
  certs.direct = signed('direct', 'root', LEAF_EXT);
});

afterAll(() => {
  fs.rmSync(dir, {recursive: true, force: true});
});

describe('signatureAlgorithm', () => {
  it.each([
    ['rsa2048', 'sha256WithRSAEncryption'],
    ['p256', 'ecdsa-with-SHA256'],
    ['p384', 'ecdsa-with-SHA384'],
    ['ed25519', 'Ed25519'],
    ['ed448', 'Ed448'],
    ['dsa', 'dsa-with-sha256'],
    ['comma', 'ecdsa-with-SHA256'],
    ['sha1', 'sha1WithRSAEncryption'],
    ['md5', 'md5WithRSAEncryption'],
    ['pss', 'RSASSA-PSS-SHA384'],
    ['pssRsaKey', 'RSASSA-PSS-SHA256'],
  ])('reads %s as %s', (name, expected) => {
    expect(signatureAlgorithm(certs[name]!.raw)).toBe(expected);
  });

  // SEQUENCE { SEQUENCE {}, SEQUENCE { OID 2.999.1 }, BIT STRING 00 }
  const unknown = Uint8Array.from([0x30, 0x0c, 0x30, 0x00, 0x30, 0x05, 0x06, 0x03, 0x88, 0x37, 0x01, 0x03, 0x01, 0x00]);

  it('gives the dotted OID of an algorithm it does not know, first arc 2 included', () => {
    expect(signatureAlgorithm(unknown)).toBe('2.999.1');
  });

  it('names RSASSA-PSS without parameters as SHA-1, the default of RFC 4055', () => {
    // SEQUENCE { SEQUENCE {}, SEQUENCE { OID 1.2.840.113549.1.1.10, SEQUENCE {} }, BIT STRING 00 }
    const oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
    const alg = [0x30, oid.length + 2, ...oid, 0x30, 0x00];
    const body = [0x30, 0x00, ...alg, 0x03, 0x01, 0x00];
    expect(signatureAlgorithm(Uint8Array.from([0x30, body.length, ...body]))).toBe('RSASSA-PSS-SHA1');
  });

  it.each([
    ['an empty buffer', []],
    ['a truncated certificate', [0x30, 0x82, 0x01]],
    ['a length past the end', [0x30, 0x10, 0x30, 0x00]],
    ['BER indefinite length', [0x30, 0x80, 0x30, 0x00, 0x00, 0x00]],
    ['a length of more than 4 bytes', [0x30, 0x85, 0, 0, 0, 0, 1, 0]],
    ['something other than a SEQUENCE', [0x04, 0x02, 0x30, 0x00]],
    ['no signatureAlgorithm after the TBS', [0x30, 0x02, 0x30, 0x00]],
    ['an OID cut inside a subidentifier', [0x30, 0x08, 0x30, 0x00, 0x30, 0x04, 0x06, 0x02, 0x2a, 0x86]],
  ])('throws DerError on %s', (_name, bytes) => {
    expect(() => signatureAlgorithm(Uint8Array.from(bytes))).toThrow(DerError);
  });

  it('never reads past a slice of a real certificate', () => {
    const raw = certs.rsa2048!.raw;
    for (const cut of [1, 4, 100, raw.length - 1]) expect(() => signatureAlgorithm(raw.subarray(0, cut))).toThrow(DerError);
  });
});

describe('toCertInfo', () => {
  it.each([
    ['rsa1024', {keyType: 'rsa', keyBits: 1024}],
    ['rsa2048', {keyType: 'rsa', keyBits: 2048}],
    ['p256', {keyType: 'ec', keyBits: 256, curve: 'prime256v1'}],
    ['p384', {keyType: 'ec', keyBits: 384, curve: 'secp384r1'}],
    ['ed25519', {keyType: 'ed25519', keyBits: 256}],
    ['ed448', {keyType: 'ed448', keyBits: 448}],
    ['dsa', {keyType: 'dsa', keyBits: 2048}],
    ['comma', {keyType: 'ec', keyBits: 521, curve: 'secp521r1'}],
    ['pss', {keyType: 'rsa', keyBits: 2048}],
  ])('reads the key of %s', (name, key) => {
    const info = toCertInfo(certs[name]!);
    expect(info).toMatchObject(key);
    if (!('curve' in key)) expect(info.curve).toBeUndefined();
  });

  it('summarizes a self-signed certificate', () => {
    const cert = certs.rsa2048!;
    const info = toCertInfo(cert);
    expect(info).toMatchObject({
      subject: 'CN=rsa2048',
      issuer: 'CN=rsa2048',
      serialNumber: cert.serialNumber,
      subjectAltNames: [],
      signatureAlgorithm: 'sha256WithRSAEncryption',
      selfSigned: true,
      fingerprint256: cert.fingerprint256,
    });
    expect(Date.parse(info.notAfter) - Date.parse(info.notBefore)).toBe(30 * 86_400_000);
    expect(info.notBefore).toBe(new Date(cert.validFrom).toISOString());
  });

  it('puts a multi-part name on one line, keeping escaped commas', () => {
    expect(toCertInfo(certs.named!).subject).toBe('C=US, O=Acme\\, Inc., CN=named');
  });

  it('lists each subjectAltName in Node’s notation and knows CA from leaf', () => {
    const leaf = toCertInfo(certs.leaf!);
    expect(leaf).toMatchObject({
      subject: 'CN=leaf',
      issuer: 'CN=intermediate',
      subjectAltNames: ['DNS:a.example', 'IP Address:127.0.0.1', 'email:ops@a.example'],
      selfSigned: false,
      isCa: false,
    });
    expect(toCertInfo(certs.intermediate!).isCa).toBe(true);
  });

  it('keeps a subjectAltName value that holds a comma in one entry', () => {
    expect(toCertInfo(certs.comma!).subjectAltNames).toEqual(['DNS:x.example', 'URI:"https://a.example/x\\u002cy"']);
  });
});

describe('pemBlocks', () => {
  it('finds every certificate of a CA file', () => {
    const pem = `# a comment\n${certs.root!.toString()}\n${certs.intermediate!.toString()}`;
    expect(pemBlocks(pem).map((block) => new X509Certificate(block).subject)).toEqual(['CN=root', 'CN=intermediate']);
  });
});

describe('validatePath', () => {
  // Taken after the certificates exist: their notBefore is the second they were made.
  let now: Date;
  beforeAll(() => {
    now = new Date();
  });
  const anchors = (): X509Certificate[] => [certs.root!];

  it('trusts leaf + intermediate up to an anchor that was not sent', () => {
    expect(validatePath([certs.leaf!, certs.intermediate!], anchors(), now)).toEqual({trusted: true, completeAsSent: true, anchor: 'CN=root'});
  });

  it('trusts a leaf issued straight by an anchor', () => {
    expect(validatePath([certs.direct!], anchors(), now)).toEqual({trusted: true, completeAsSent: true, anchor: 'CN=root'});
  });

  it('ends at the anchor even when the server also sends the root', () => {
    expect(validatePath([certs.leaf!, certs.intermediate!, certs.root!], anchors(), now)).toMatchObject({trusted: true, anchor: 'CN=root'});
  });

  it("calls a missing intermediate 'incomplete-chain' when the leaf publishes its issuer (AIA)", () => {
    expect(validatePath([certs.leaf!], anchors(), now)).toEqual({trusted: false, problem: 'incomplete-chain', completeAsSent: false});
  });

  it("calls a missing issuer without an AIA URL (a private CA) 'unknown-issuer'", () => {
    expect(validatePath([certs.privateLeaf!], anchors(), now)).toMatchObject({trusted: false, problem: 'unknown-issuer'});
  });

  it("calls a chain ending at a root that is not an anchor 'unknown-issuer'", () => {
    expect(validatePath([certs.leaf!, certs.intermediate!, certs.root!], [], now)).toMatchObject({trusted: false, problem: 'unknown-issuer'});
  });

  it("calls a self-signed leaf 'self-signed', and trusts it once it is itself an anchor", () => {
    expect(validatePath([certs.rsa2048!], anchors(), now)).toMatchObject({trusted: false, problem: 'self-signed', completeAsSent: false});
    expect(validatePath([certs.rsa2048!], [certs.rsa2048!], now)).toEqual({trusted: true, completeAsSent: true, anchor: 'CN=rsa2048'});
  });

  it('knows a self-signed server certificate whose key usage lacks keyCertSign', () => {
    expect(toCertInfo(certs.selfLeaf!).selfSigned).toBe(true);
    expect(validatePath([certs.selfLeaf!], anchors(), now)).toMatchObject({problem: 'self-signed'});
  });

  it("calls a leaf whose signature does not verify 'bad-signature'", () => {
    const raw = Buffer.from(certs.direct!.raw);
    raw[raw.length - 1]! ^= 0xff; // the last byte of the signature value
    expect(validatePath([new X509Certificate(raw)], anchors(), now)).toMatchObject({trusted: false, problem: 'bad-signature'});
  });

  it('judges the dates of every certificate on the path at the given time', () => {
    const later = new Date(now.getTime() + 60 * 86_400_000);
    const earlier = new Date(now.getTime() - 86_400_000);
    const chain = [certs.leaf!, certs.intermediate!];
    expect(validatePath(chain, anchors(), later)).toEqual({trusted: false, problem: 'expired-in-chain', completeAsSent: true, anchor: 'CN=root'});
    expect(validatePath(chain, anchors(), earlier)).toEqual({
      trusted: false,
      problem: 'not-yet-valid-in-chain',
      completeAsSent: true,
      anchor: 'CN=root',
    });
  });

  it('finds issuers among the sent certificates whatever their order', () => {
    expect(validatePath([certs.leaf!, certs.root!, certs.intermediate!], anchors(), now)).toMatchObject({trusted: true});
  });
});

describe('nameKeys', () => {
  /** One DER tag-length-value (short or two-byte lengths: enough for these certificates). */
  const tlv = (tag: number, ...parts: Uint8Array[]): Uint8Array => {
    const body = Buffer.concat(parts);
    const length = body.length < 0x80 ? [body.length] : [0x82, body.length >> 8, body.length & 0xff];
    return Buffer.concat([Uint8Array.from([tag, ...length]), body]);
  };
  const COMMON_NAME = Uint8Array.from([0x06, 0x03, 0x55, 0x04, 0x03]); // OID 2.5.4.3
  const ORGANIZATION = Uint8Array.from([0x06, 0x03, 0x55, 0x04, 0x0a]); // OID 2.5.4.10
  /** BMPString (0x1e) is UTF-16 big-endian; the other string types here are single bytes. */
  const encode = (tag: number, text: string): Buffer => (tag === 0x1e ? Buffer.from(text, 'utf16le').swap16() : Buffer.from(text, 'latin1'));
  const name = (...attributes: [Uint8Array, number, string][]): Uint8Array =>
    tlv(0x30, ...attributes.map(([type, tag, text]) => tlv(0x31, tlv(0x30, type, tlv(tag, encode(tag, text))))));
  /** A certificate with only the fields nameKeys walks; `v1` leaves out the version, as X.509 v1 does. */
  const certificate = (issuer: Uint8Array, subject: Uint8Array, v1 = false): Uint8Array => {
    const version = v1 ? [] : [tlv(0xa0, tlv(0x02, Uint8Array.of(2)))];
    const tbs = tlv(0x30, ...version, tlv(0x02, Uint8Array.of(1)), tlv(0x30), issuer, tlv(0x30), subject, tlv(0x30));
    return tlv(0x30, tbs, tlv(0x30), tlv(0x03, Uint8Array.of(0)));
  };

  it('reads every root Node bundles, each issued by itself', () => {
    for (const pem of tls.rootCertificates) {
      const keys = nameKeys(new X509Certificate(pem).raw);
      expect(keys.subject).not.toBe('');
      expect(keys.issuer).toBe(keys.subject);
    }
  });

  it("gives a certificate's issuer the key of its issuer's subject", () => {
    expect(nameKeys(certs.leaf!.raw).issuer).toBe(nameKeys(certs.intermediate!.raw).subject);
    expect(nameKeys(certs.intermediate!.raw).issuer).toBe(nameKeys(certs.root!.raw).subject);
    expect(nameKeys(certs.leaf!.raw).issuer).not.toBe(nameKeys(certs.root!.raw).subject);
  });

  it('gives one name in other string types, case and spacing one key, as OpenSSL matches it', () => {
    const printable = name([COMMON_NAME, 0x13, 'Example Root CA'], [ORGANIZATION, 0x13, 'Example']);
    const utf8 = name([COMMON_NAME, 0x0c, '  example   ROOT ca '], [ORGANIZATION, 0x0c, 'EXAMPLE']);
    const bmp = name([COMMON_NAME, 0x1e, 'Example Root CA'], [ORGANIZATION, 0x1e, 'Example']);
    const other = name([COMMON_NAME, 0x13, 'Example Root CA 2'], [ORGANIZATION, 0x13, 'Example']);
    const key = nameKeys(certificate(printable, printable)).subject;
    expect(nameKeys(certificate(utf8, utf8)).subject).toBe(key);
    expect(nameKeys(certificate(bmp, bmp)).subject).toBe(key);
    expect(nameKeys(certificate(other, other)).subject).not.toBe(key);
    // rawNames, the cheap first look-up, keeps the exact bytes: only the same encoding matches.
    expect(rawNames(certificate(printable, printable)).subject).toBe(rawNames(certificate(utf8, printable)).subject);
    expect(rawNames(certificate(utf8, utf8)).subject).not.toBe(rawNames(certificate(printable, printable)).subject);
  });

  it("gives a certificate's issuer the exact bytes of its issuer's subject", () => {
    expect(rawNames(certs.leaf!.raw).issuer).toBe(rawNames(certs.intermediate!.raw).subject);
    expect(rawNames(certs.leaf!.raw).issuer).not.toBe(rawNames(certs.root!.raw).subject);
  });

  it('reads a version 1 certificate, which has no version field', () => {
    const issuer = name([COMMON_NAME, 0x13, 'v1 issuer']);
    const subject = name([COMMON_NAME, 0x13, 'v1 subject']);
    expect(nameKeys(certificate(issuer, subject, true))).toEqual(nameKeys(certificate(issuer, subject)));
    expect(nameKeys(certificate(issuer, subject, true)).issuer).not.toBe(nameKeys(certificate(issuer, subject, true)).subject);
  });

  it('throws DerError on a truncated certificate', () => {
    expect(() => nameKeys(certs.leaf!.raw.subarray(0, 100))).toThrow(DerError);
  });
});
