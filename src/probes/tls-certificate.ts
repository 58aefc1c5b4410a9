/**
 * The certificate chain as the server sends it, from one full node:tls handshake, validated by our
 * own path building (src/lib/tls/x509.ts) against Node's bundled roots plus the user's CAs (of the
 * bundled roots, only those the served chain names are parsed).
 *
 * Node appends the issuer it finds in the context's trust store to `getPeerCertificate(true)`, so a
 * chain read with the default store looks complete even when the server left out a certificate.
 * Connecting with an empty `ca` list leaves that store empty: what we read is what was sent
 * (the issuer-linked part of it, leaf first: Node drops sent certificates that issue nothing in it).
 */
import {X509Certificate} from 'node:crypto';
import {isIP} from 'node:net';
import tls from 'node:tls';
import type {ProbeErrorCode, TlsCertificate} from '../core/types.js';
import {DerError, nameKeys, pemBlocks, rawNames, toCertInfo, validatePath} from '../lib/tls/x509.js';
import {ProbeFailure, probeError} from './failure.js';
import {closeGracefully, Gate, stoppedError} from './limiter.js';
import type {Probe} from './probe.js';

/**
 * One handshake, start to finish, however the server paces it. Bytes need no cap of our own:
 * OpenSSL refuses a certificate list over 100 KiB and every other handshake message is smaller, and
 * nothing is read after the handshake.
 */
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** Real chains are 2–4 certificates; a longer one is cut here so the report stays small. */
const MAX_CHAIN = 10;

/** Host (IPv6 without brackets) and port of an https: URL. */
function endpoint(url: URL): {host: string; port: number} {
  return {host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : 443};
}

/** host:port as a person writes it, IPv6 in brackets. */
function hostPort(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

interface Handshake {
  readonly at: Date;
  readonly chain: readonly X509Certificate[];
  readonly leaf: tls.PeerCertificate;
  readonly ocspStapled: boolean;
  readonly alpn?: string;
  readonly protocol: string;
  readonly cipher: string;
}

/** The certificates Node linked from what was sent, leaf first, stopping where an issuer repeats. */
function sentChain(socket: tls.TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  // A self-signed certificate is its own issuerCertificate: the fingerprint set ends the walk there.
  for (
    let c: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed as an endless chain, but the last issuerCertificate is undefined and a missing certificate is {} without raw.
    c?.raw && !seen.has(c.fingerprint256);
    c = c.issuerCertificate
  ) {
    if (chain.length === MAX_CHAIN) break;
    seen.add(c.fingerprint256);
    chain.push(new X509Certificate(c.raw));
  }
  return chain;
}

/** Server answers that are not TLS at all: a plain-HTTP port answers our ClientHello with "HTTP/1.1 400". */
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST', 'ERR_SSL_RECORD_LENGTH_MISMATCH']);

function failureOf(error: unknown, where: string, url: string): ProbeFailure {
  const e = error as {code?: unknown; reason?: unknown};
  const code = typeof e.code === 'string' ? e.code : '';
  const fail = (kind: ProbeErrorCode, message: string): ProbeFailure => new ProbeFailure(probeError(kind, message, url));
  if (code === 'ECONNREFUSED') return fail('connection-refused', `nothing accepts connections on ${where}`);
  if (code === 'ECONNRESET' || code === 'EPIPE') return fail('connection-reset', `${where} closed the connection before the TLS handshake finished`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return fail('dns', `the name in ${where} does not resolve (${code})`);
  if (code === 'ETIMEDOUT') return fail('timeout', `connecting to ${where} timed out`);
  if (NOT_TLS.has(code)) return fail('protocol', `${where} did not answer with TLS (${code}); is it a plain-HTTP port?`);
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
    return fail('tls', `TLS handshake with ${where} failed: ${typeof e.reason === 'string' ? e.reason : code}`);
  return fail('internal', `TLS connection to ${where} failed (${code || 'unknown error'})`);
}

/**
 * One handshake offering everything Node can: TLS 1.0–1.3 at security level 0, because at the
 * default level a TLS 1.0/1.1-only server (or a 1024-bit / SHA-1 certificate) fails the handshake
 * and would look unreachable. Certificate errors are ours to judge, so nothing is rejected here.
 */
function handshake(host: string, port: number, url: string, signal: AbortSignal): Promise<Handshake> {
  const where = hostPort(host, port);
  const deadlinePassed = (): ProbeFailure =>
    new ProbeFailure(stoppedError(signal, `the scan deadline passed before the TLS handshake with ${where} finished`, url));
  return new Promise<Handshake>((resolve, reject) => {
    if (signal.aborted) return reject(deadlinePassed());
    let ocspStapled = false;
    // tls.connect passes requestOCSP on to the TLSSocket (Node 20 included; documented by
    // nodejs/node#61064), but @types/node 20 lists it only for the TLSSocket constructor.
    const options: tls.ConnectionOptions & Pick<tls.TLSSocketOptions, 'requestOCSP'> = {
      host,
      port,
      ...(isIP(host) === 0 ? {servername: host} : {}),
      ALPNProtocols: ['h2', 'http/1.1'],
      requestOCSP: true,
      rejectUnauthorized: false,
      ca: [],
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    };
    const socket = tls.connect(options);
    let settled = false;
    // While a graceful close waits, an abort cuts it short.
    const onAbort = (): void => (settled ? void socket.destroy() : finish(() => reject(deadlinePassed())));
    const timer = setTimeout(
      () => finish(() => reject(new ProbeFailure(probeError('timeout', `no TLS handshake with ${where} within ${HANDSHAKE_TIMEOUT_MS} ms`, url)))),
      HANDSHAKE_TIMEOUT_MS,
    );
    /** `graceful` after the handshake: the connection ends once the server has closed it too (see closeGracefully). */
    function finish(settle: () => void, graceful = false): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const done = (): void => {
        signal.removeEventListener('abort', onAbort);
        settle();
      };
      if (graceful) {
        void closeGracefully(socket).then(done);
        return;
      }
      socket.destroy();
      done();
    }
    signal.addEventListener('abort', onAbort, {once: true});
    // Emitted during the handshake: the stapled response's DER, or null when none was stapled.
    socket.on('OCSPResponse', (response: Buffer | null) => {
      ocspStapled = response !== null && response.length > 0;
    });
    socket.once('secureConnect', () => {
      const at = new Date();
      const leaf = socket.getPeerCertificate();
      const chain = sentChain(socket);
      const protocol = socket.getProtocol() ?? '';
      const cipher = socket.getCipher().standardName;
      const alpn = socket.alpnProtocol;
      finish(() => {
        if (chain.length === 0) return reject(new ProbeFailure(probeError('tls', `${where} sent no certificate`, url)));
        resolve({at, chain, leaf, ocspStapled, protocol, cipher, ...(typeof alpn === 'string' ? {alpn} : {})});
      }, true);
    });
    // `on`, not `once`: a late second error must not become an unhandled one (a second finish is a no-op).
    socket.on('error', (error) => finish(() => reject(failureOf(error, where, url))));
  });
}

const PEM_HEADER = '-----BEGIN CERTIFICATE-----';
const PEM_FOOTER = '-----END CERTIFICATE-----';

/** The DER inside one PEM block, which starts with its header and ends with its footer (tls.rootCertificates, pemBlocks). */
const pemDer = (pem: string): Buffer => Buffer.from(pem.slice(PEM_HEADER.length, pem.length - PEM_FOOTER.length), 'base64');

/** Adds `pem` under `key`. */
function file(into: Map<string, string[]>, key: string, pem: string): void {
  const list = into.get(key);
  if (list) list.push(pem);
  else into.set(key, [pem]);
}

/**
 * Trusted certificates (PEM) by subject, parsed only when a served chain names them: first by the
 * subject's exact bytes (rawNames; reading those for ~145 roots costs ~1 ms, parsing them all
 * 20–25 ms), and by OpenSSL's canonical name (nameKeys) only when exact bytes find no issuer.
 */
class AnchorIndex {
  private readonly exact = new Map<string, string[]>();
  private canonical?: Map<string, string[]>;
  /** Certificates whose names cannot be read here (none of Node's roots): offered for every chain. */
  readonly unread: string[] = [];

  /** `unreadable` is told of each certificate whose names cannot be read, and may throw. */
  constructor(
    private readonly pems: readonly string[],
    unreadable: () => void,
  ) {
    for (const pem of pems) {
      try {
        file(this.exact, rawNames(pemDer(pem)).subject, pem);
      } catch {
        unreadable();
        this.unread.push(pem);
      }
    }
  }

  byExactName(rawName: string): readonly string[] {
    return this.exact.get(rawName) ?? [];
  }

  byCanonicalName(key: string): readonly string[] {
    if (!this.canonical) {
      this.canonical = new Map();
      for (const pem of this.pems) {
        try {
          file(this.canonical, nameKeys(pemDer(pem)).subject, pem);
        } catch {
          // Unread, or its exact name was readable and stays its only key.
        }
      }
    }
    return this.canonical.get(key) ?? [];
  }

  all(): readonly string[] {
    return this.pems;
  }
}

/** Node's bundled Mozilla roots (~145). */
let bundledRoots: AnchorIndex | undefined;
/**
 * The user's CA texts, by text: a fleet's targets share them, and NODE_EXTRA_CA_CERTS is often a
 * whole system bundle (/etc/ssl/certs/ca-certificates.crt: ~145 more roots).
 */
const extraIndexes = new Map<string, AnchorIndex>();
/** Every certificate parsed so far, by PEM. */
const parsed = new Map<string, X509Certificate>();

const BAD_EXTRA_CA = 'a certificate in the extra CA file (--ca-file / NODE_EXTRA_CA_CERTS) cannot be parsed';

/** The bundled roots and the user's CA texts; throws ProbeFailure for a user certificate that cannot be read. */
function trustIndexes(url: string, ca: readonly string[]): AnchorIndex[] {
  bundledRoots ??= new AnchorIndex(tls.rootCertificates, () => undefined);
  return [
    bundledRoots,
    ...ca.map((text) => {
      const index =
        extraIndexes.get(text) ??
        new AnchorIndex(pemBlocks(text), () => {
          throw new ProbeFailure(probeError('internal', BAD_EXTRA_CA, url));
        });
      extraIndexes.set(text, index);
      return index;
    }),
  ];
}

/**
 * The anchors a path from this chain can end at: those named as the issuer of a sent certificate,
 * or equal to one (path building stops at the first anchor it meets, so no other can be on the
 * path). A certificate whose issuer's exact name is neither an anchor's nor a sent certificate's is
 * looked up by canonical name as well, so the result is what OpenSSL's name match would give. A
 * sent certificate whose names cannot be read brings every anchor.
 */
function anchorsFor(url: string, chain: readonly X509Certificate[], indexes: readonly AnchorIndex[]): X509Certificate[] {
  const wanted = new Set(indexes.flatMap((index) => index.unread));
  const sentSubjects = new Set<string>();
  const sentNames = chain.map((cert) => {
    try {
      const raw = rawNames(cert.raw);
      sentSubjects.add(raw.subject);
      return {cert, raw};
    } catch {
      return {cert, raw: undefined};
    }
  });
  for (const {cert, raw} of sentNames) {
    if (!raw) {
      for (const index of indexes) for (const pem of index.all()) wanted.add(pem);
      continue;
    }
    for (const index of indexes) for (const pem of [...index.byExactName(raw.subject), ...index.byExactName(raw.issuer)]) wanted.add(pem);
    if (sentSubjects.has(raw.issuer) || indexes.some((index) => index.byExactName(raw.issuer).length > 0)) continue;
    const keys = nameKeys(cert.raw);
    for (const index of indexes) for (const pem of [...index.byCanonicalName(keys.subject), ...index.byCanonicalName(keys.issuer)]) wanted.add(pem);
  }
  // In the indexes' order (bundled roots first), as path building prefers the first issuer that verifies.
  return indexes
    .flatMap((index) => index.all().filter((pem) => wanted.has(pem)))
    .map((pem) => {
      let cert = parsed.get(pem);
      if (!cert) {
        try {
          cert = new X509Certificate(pem);
        } catch {
          // Node's own roots always parse: only a user's certificate can fail here.
          throw new ProbeFailure(probeError('internal', BAD_EXTRA_CA, url));
        }
        parsed.set(pem, cert);
      }
      return cert;
    });
}

export const tlsCertificateProbe: Probe<'TlsCertificate'> = {
  artifact: 'TlsCertificate',
  title: 'Read the certificate chain',
  plan(target) {
    if (target.url.protocol !== 'https:') return [];
    const {host, port} = endpoint(target.url);
    return [`TLS handshake with ${hostPort(host, port)} (reads the certificate chain, OCSP staple and ALPN; sends no request)`];
  },
  async gather(target, {signal, ca = [], gate = Gate.open()}) {
    const url = target.url.href;
    if (target.url.protocol !== 'https:')
      throw new ProbeFailure(probeError('not-applicable', 'the target is plain http://: there is no certificate to read', url));
    const indexes = trustIndexes(url, ca);
    const {host, port} = endpoint(target.url);
    const shake = await gate.handshake(target.url, signal, () => handshake(host, port, url, signal));
    try {
      const anchors = anchorsFor(url, shake.chain, indexes);
      return {
        host,
        port,
        observedAt: shake.at.toISOString(),
        chain: shake.chain.map(toCertInfo),
        trust: validatePath(shake.chain, anchors, shake.at),
        // checkServerIdentity returns the mismatch as an Error (it throws nothing).
        hostnameMatches: tls.checkServerIdentity(host, shake.leaf) === undefined,
        ocspStapled: shake.ocspStapled,
        ...(shake.alpn === undefined ? {} : {alpn: shake.alpn}),
        protocol: shake.protocol,
        cipher: shake.cipher,
      } satisfies TlsCertificate;
    } catch (error) {
      if (error instanceof DerError) throw new ProbeFailure(probeError('tls', `the server's certificate cannot be read: ${error.message}`, url));
      throw error;
    }
  },
};
