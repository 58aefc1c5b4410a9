/**
 * The TlsCertificate probe against real node:tls / https / http2 servers on 127.0.0.1, serving
 * certificates the `openssl` CLI made for the test: the chain as sent, our own trust verdict, the
 * host match, dates, key and signature, OCSP stapling, ALPN and the negotiated protocol, and a clear
 * ProbeFailure for ports that do not speak TLS.
 */
import {execFileSync} from 'node:child_process';
import {X509Certificate} from 'node:crypto';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import tls from 'node:tls';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {makeTarget} from '../../src/core/target.js';
import type {TlsCertificate} from '../../src/core/types.js';
import {ProbeFailure} from '../../src/probes/failure.js';
import {HttpClient} from '../../src/probes/http.js';
import type {ProbeContext} from '../../src/probes/probe.js';
import {tlsCertificateProbe} from '../../src/probes/tls-certificate.js';
import {rawNames} from '../../src/lib/tls/x509.js';
import {makeIntermediate, makeLeaf, makeLeafSignedBy, testCerts, type Leaf, type TestCerts} from '../helpers/certs.js';
import {within} from '../helpers/within.js';
import {HOST, closedPort, startHttp2Server, startHttpServer, startRawServer, type TestServer} from '../helpers/servers.js';

const DAY_MS = 86_400_000;

let certs: TestCerts;
const closers: (() => Promise<void>)[] = [];

function context(options: {ca?: readonly string[]; deadlineMs?: number} = {}): ProbeContext {
  const signal = AbortSignal.timeout(options.deadlineMs ?? 15_000);
  return {client: new HttpClient({signal, requestTimeoutMs: 2000, maxBodyBytes: 1024}), signal, ...(options.ca ? {ca: options.ca} : {})};
}

/** How long a request may take before the test calls it a hang. */
const SETTLE_BOUND_MS = 8000;

async function track(server: Promise<TestServer>): Promise<TestServer> {
  const s = await server;
  closers.push(() => s.close());
  return s;
}

/**
 * A node:tls server that completes the handshake and closes. `extra` is appended to the leaf PEM
 * (the intermediates a server sends); `onOcsp` answers the client's certificate status request.
 */
async function serveTls(
  leaf: {certPem: string; keyPem: string},
  options: tls.TlsOptions & {extra?: string; onOcsp?: () => Buffer} = {},
): Promise<number> {
  const {extra, onOcsp, ...tlsOptions} = options;
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({...tlsOptions, key: leaf.keyPem, cert: leaf.certPem + (extra ?? '')}, (socket) => socket.end());
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => {});
  if (onOcsp)
    server.on('OCSPRequest', (_cert: Buffer, _issuer: Buffer, done: (error: Error | null, response: Buffer) => void) => done(null, onOcsp()));
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return (server.address() as net.AddressInfo).port;
}

function gather(port: number, ctx: ProbeContext = context({ca: [certs.caPem]})): Promise<TlsCertificate> {
  return within(tlsCertificateProbe.gather(makeTarget({url: `https://${HOST}:${port}/`}), ctx), SETTLE_BOUND_MS);
}

/** The ProbeError a gather rejected with. */
async function failure(promise: Promise<unknown>): Promise<ProbeFailure['probeError']> {
  const error: unknown = await within(promise, SETTLE_BOUND_MS).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProbeFailure);
  return (error as ProbeFailure).probeError;
}

beforeAll(async () => {
  certs = await testCerts();
});

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

describe('tlsCertificateProbe', () => {
  let intermediate: Leaf;
  let chainedLeaf: Leaf;
  beforeAll(async () => {
    intermediate = await makeIntermediate('intermediate-ca');
    chainedLeaf = await makeLeafSignedBy(intermediate, {name: 'chained', caIssuersUrl: `http://${HOST}:9/intermediate.crt`});
  });

  it('trusts a valid chain with the test CA given as an extra CA', async () => {
    const port = await serveTls({certPem: certs.certPem, keyPem: certs.keyPem});
    const result = await gather(port);
    expect(result).toMatchObject({
      host: HOST,
      port,
      trust: {trusted: true, completeAsSent: true, anchor: 'CN=shipcheck test CA'},
      hostnameMatches: true,
      ocspStapled: false,
      protocol: 'TLSv1.3',
      cipher: expect.stringMatching(/^TLS_AES_|^TLS_CHACHA20_/),
    });
    expect(result.trust.problem).toBeUndefined();
    expect(result.alpn).toBeUndefined();
    expect(Math.abs(Date.parse(result.observedAt) - Date.now())).toBeLessThan(60_000);
    // Only the leaf was sent: Node's store did not append the CA.
    expect(result.chain).toHaveLength(1);
    expect(result.chain[0]).toMatchObject({
      subject: 'CN=localhost',
      issuer: 'CN=shipcheck test CA',
      subjectAltNames: ['DNS:localhost', 'IP Address:127.0.0.1'],
      keyType: 'rsa',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      selfSigned: false,
      isCa: false,
      fingerprint256: new X509Certificate(certs.certPem).fingerprint256,
    });
  });

  it("calls the same chain 'unknown-issuer' without the test CA (a private CA publishes no issuer URL)", async () => {
    const port = await serveTls({certPem: certs.certPem, keyPem: certs.keyPem});
    const result = await gather(port, context());
    expect(result.trust).toEqual({trusted: false, problem: 'unknown-issuer', completeAsSent: false});
    expect(result.hostnameMatches).toBe(true);
  });

  it("reports an expired certificate as 'expired-in-chain' with its dates", async () => {
    const port = await serveTls(await makeLeaf({name: 'expired', days: -1}));
    const result = await gather(port);
    expect(result.trust).toMatchObject({trusted: false, problem: 'expired-in-chain', completeAsSent: true});
    expect(Date.parse(result.chain[0]!.notAfter)).toBeLessThan(Date.parse(result.observedAt));
  });

  it('reports a certificate for another host as not matching', async () => {
    const port = await serveTls(await makeLeaf({name: 'other-host', sans: ['DNS:other.example']}));
    const result = await gather(port);
    expect(result.hostnameMatches).toBe(false);
    expect(result.trust.trusted).toBe(true);
    expect(result.chain[0]!.subjectAltNames).toEqual(['DNS:other.example']);
  });

  it('finds the test CA in an extra CA file that is a whole system bundle (NODE_EXTRA_CA_CERTS), whatever its place', async () => {
    const port = await serveTls({certPem: certs.certPem, keyPem: certs.keyPem});
    const roots = tls.rootCertificates.join('\n');
    for (const bundle of [`${roots}\n${certs.caPem}`, `${certs.caPem}\n${roots}`]) {
      expect((await gather(port, context({ca: [bundle]}))).trust).toEqual({trusted: true, completeAsSent: true, anchor: 'CN=shipcheck test CA'});
    }
    // Without it among them, the same chain has no anchor.
    expect((await gather(port, context({ca: [roots]}))).trust).toMatchObject({trusted: false, completeAsSent: false});
  });

  it('finds an anchor whose name is encoded otherwise than in the issuer field (OpenSSL matches names canonically)', async () => {
    // Two CA certificates for one key and one name, as a UTF8String and as a PrintableString; the
    // leaf is issued by the first, only the second is trusted.
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-encoding-'));
    const openssl = (...args: string[]): void => void execFileSync('openssl', args, {cwd: dir, stdio: 'ignore', timeout: 30_000});
    const config = (mask: string): string => {
      const file = join(dir, `${mask}.cnf`);
      writeFileSync(
        file,
        `[req]\ndistinguished_name = dn\nstring_mask = ${mask}\nx509_extensions = ca\n[dn]\n[ca]\nbasicConstraints = critical,CA:true\nkeyUsage = critical,keyCertSign\nsubjectKeyIdentifier = hash\n`,
      );
      return file;
    };
    openssl('genrsa', '-out', 'ca.key', '2048');
    for (const mask of ['utf8only', 'nombstr'])
      openssl(
        'req',
        '-x509',
        '-new',
        '-key',
        'ca.key',
        '-subj',
        '/CN=Encoding Test CA',
        '-days',
        '30',
        '-config',
        config(mask),
        '-out',
        `${mask}.pem`,
      );
    openssl(
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'leaf.key',
      '-subj',
      '/CN=localhost',
      '-config',
      config('utf8only'),
      '-out',
      'leaf.csr',
    );
    writeFileSync(join(dir, 'leaf.ext'), 'subjectAltName = IP:127.0.0.1\nauthorityKeyIdentifier = keyid\n');
    openssl(
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'utf8only.pem',
      '-CAkey',
      'ca.key',
      '-set_serial',
      '7',
      '-days',
      '30',
      '-extfile',
      'leaf.ext',
      '-out',
      'leaf.pem',
    );
    const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
    const leaf = new X509Certificate(read('leaf.pem'));
    const printable = new X509Certificate(read('nombstr.pem'));
    expect(rawNames(leaf.raw).issuer).not.toBe(rawNames(printable.raw).subject);

    const port = await serveTls({certPem: read('leaf.pem'), keyPem: read('leaf.key')});
    expect((await gather(port, context({ca: [read('nombstr.pem')]}))).trust).toEqual({
      trusted: true,
      completeAsSent: true,
      anchor: 'CN=Encoding Test CA',
    });
  });

  it('is a probe error, never a verdict, when a certificate of the extra CA file cannot be read', async () => {
    const port = await serveTls({certPem: certs.certPem, keyPem: certs.keyPem});
    const broken = '-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----';
    expect(await failure(gather(port, context({ca: [`${certs.caPem}\n${broken}`]})))).toMatchObject({code: 'internal'});
  });

  it("reports a self-signed leaf as 'self-signed'", async () => {
    const leaf = await makeLeaf({name: 'self', selfSigned: true});
    const port = await serveTls(leaf);
    const result = await gather(port);
    expect(result.trust).toEqual({trusted: false, problem: 'self-signed', completeAsSent: false});
    expect(result.chain).toHaveLength(1);
    expect(result.chain[0]).toMatchObject({selfSigned: true, subject: 'CN=localhost', issuer: 'CN=localhost'});
    // Given as an extra CA it is its own anchor.
    expect((await gather(port, context({ca: [leaf.certPem]}))).trust).toEqual({trusted: true, completeAsSent: true, anchor: 'CN=localhost'});
  });

  it('reads a 1024-bit key', async () => {
    const port = await serveTls(await makeLeaf({name: 'rsa1024', keyBits: 1024}), {ciphers: 'DEFAULT:@SECLEVEL=0'});
    expect((await gather(port)).chain[0]).toMatchObject({keyType: 'rsa', keyBits: 1024});
  });

  it('reads a SHA-1 signature', async () => {
    const port = await serveTls(await makeLeaf({name: 'sha1', sigHash: 'sha1'}), {ciphers: 'DEFAULT:@SECLEVEL=0'});
    expect((await gather(port)).chain[0]!.signatureAlgorithm).toBe('sha1WithRSAEncryption');
  });

  it("calls a leaf sent without its intermediate 'incomplete-chain'", async () => {
    const port = await serveTls(chainedLeaf);
    const result = await gather(port);
    expect(result.trust).toEqual({trusted: false, problem: 'incomplete-chain', completeAsSent: false});
    expect(result.chain.map((c) => c.subject)).toEqual(['CN=localhost']);
  });

  it('trusts the same leaf when the intermediate is sent, and lists both leaf first', async () => {
    const port = await serveTls(chainedLeaf, {extra: intermediate.certPem});
    const result = await gather(port);
    expect(result.trust).toEqual({trusted: true, completeAsSent: true, anchor: 'CN=shipcheck test CA'});
    expect(result.chain.map((c) => [c.subject, c.isCa])).toEqual([
      ['CN=localhost', false],
      ['CN=shipcheck test intermediate-ca', true],
    ]);
  });

  it('keeps a root the server sends at the end of the chain', async () => {
    const port = await serveTls(chainedLeaf, {extra: intermediate.certPem + certs.caPem});
    const result = await gather(port);
    expect(result.chain.map((c) => c.subject)).toEqual(['CN=localhost', 'CN=shipcheck test intermediate-ca', 'CN=shipcheck test CA']);
    expect(result.chain[2]!.selfSigned).toBe(true);
    expect(result.trust.trusted).toBe(true);
  });

  it('gives the dates of a certificate that expires within a week', async () => {
    const port = await serveTls(await makeLeaf({name: 'soon', days: 5}));
    const result = await gather(port);
    const left = Date.parse(result.chain[0]!.notAfter) - Date.parse(result.observedAt);
    expect(left).toBeGreaterThan(4 * DAY_MS);
    expect(left).toBeLessThan(7 * DAY_MS);
    expect(result.trust.trusted).toBe(true);
  });

  it('sees a stapled OCSP response', async () => {
    const port = await serveTls({certPem: certs.certPem, keyPem: certs.keyPem}, {onOcsp: () => Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x00])});
    expect((await gather(port)).ocspStapled).toBe(true);
  });

  it('records h2 from an HTTP/2 server', async () => {
    const server = await track(startHttp2Server((_req, res) => void res.end('ok'), {key: certs.keyPem, cert: certs.certPem}));
    const result = await gather(server.port);
    expect(result.alpn).toBe('h2');
    expect(result.trust.trusted).toBe(true);
  });

  it('reads the chain of a TLS 1.0-only server', async () => {
    const port = await serveTls(
      {certPem: certs.certPem, keyPem: certs.keyPem},
      {minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0'},
    );
    const result = await gather(port);
    expect(result.protocol).toBe('TLSv1');
    expect(result.cipher).toMatch(/^TLS_/);
    expect(result.chain[0]!.subject).toBe('CN=localhost');
    expect(result.trust.trusted).toBe(true);
  });

  it("reports a closed port as 'connection-refused'", async () => {
    const port = await closedPort();
    expect(await failure(gather(port))).toMatchObject({code: 'connection-refused', url: `https://${HOST}:${port}/`});
  });

  it("reports a plain-HTTP server as 'protocol'", async () => {
    const server = await track(startHttpServer((_req, res) => void res.end('plain')));
    const error = await failure(gather(server.port));
    expect(error.code).toBe('protocol');
    expect(error.message).toContain(`${HOST}:${server.port}`);
    expect(error.message).not.toContain('\n');
  });

  it("reports a server that drops the connection as 'connection-reset'", async () => {
    const server = await track(startRawServer((socket) => socket.destroy()));
    expect((await failure(gather(server.port))).code).toBe('connection-reset');
  });

  it("stops at the scan deadline on a server that never answers, as 'timeout'", async () => {
    const server = await track(startRawServer(() => {}));
    expect((await failure(gather(server.port, context({deadlineMs: 300})))).code).toBe('timeout');
  });

  it("does not apply to an http:// target ('not-applicable')", async () => {
    const target = makeTarget({url: `http://${HOST}:1/`});
    expect(tlsCertificateProbe.plan(target)).toEqual([]);
    expect(await failure(tlsCertificateProbe.gather(target, context()))).toMatchObject({code: 'not-applicable'});
  });

  it('plans one handshake with the https host and port', () => {
    expect(tlsCertificateProbe.plan(makeTarget({url: 'https://127.0.0.1:8443/app'}))).toEqual([expect.stringContaining('127.0.0.1:8443')]);
    expect(tlsCertificateProbe.plan(makeTarget({url: 'https://[::1]/'}))).toEqual([expect.stringContaining('[::1]:443')]);
  });
});
