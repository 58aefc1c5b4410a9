/**
 * Builders for hand-made artifacts: one hardened baseline, and each case changes one thing
 * (MDN Observatory's approach). A check's table test builds exactly the artifacts it declared.
 */
import type {CorsProbe, HttpResponse, Page, RawHeader, RedirectChain, RedirectHop} from '../../src/core/types.js';
import type {ProbeError, ProbeErrorCode} from '../../src/core/types.js';

export const TARGET = {url: 'https://app.example.com/', host: 'app.example.com', https: true, tlsProfile: 'intermediate'} as const;

/** The headers of a well-configured HTTPS page. */
export const HARDENED: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'content-security-policy': "default-src 'self'; script-src 'self' 'nonce-r4nd0m'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  server: 'nginx',
};

export type HeaderChanges = Record<string, string | readonly string[] | undefined>;

/** Headers as the wire would carry them; an array value becomes duplicate headers. */
export function rawHeaders(headers: HeaderChanges): RawHeader[] {
  const out: RawHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value as string]) out.push([name.toLowerCase(), v]);
  }
  return out;
}

/** A response with exactly these headers. */
export function response(headers: HeaderChanges, extra: Partial<HttpResponse> = {}): HttpResponse {
  return {
    url: TARGET.url,
    status: 200,
    httpVersion: '1.1',
    headers: rawHeaders(headers),
    body: '<!doctype html><title>ok</title>',
    bodyTruncated: false,
    redirects: [],
    durationMs: 5,
    ...extra,
  };
}

/** The hardened baseline with some headers changed (`undefined` removes one). */
export function hardened(changes: HeaderChanges = {}, extra: Partial<HttpResponse> = {}): HttpResponse {
  return response({...HARDENED, ...changes}, extra);
}

/** A Pages artifact holding the target URL's response (and more pages when given). */
export function pages(main: HttpResponse, ...more: Pick<Page, 'path' | 'response' | 'error'>[]): Page[] {
  return [{path: '/', url: main.url, response: main}, ...more.map((p) => ({url: new URL(p.path, TARGET.url).href, ...p}))];
}

/** A redirect hop. */
export function hop(url: string, status: number, location: string, headers: HeaderChanges = {}): RedirectHop {
  return {url, status, location, headers: rawHeaders({location, ...headers})};
}

/** A well-behaved HTTP→HTTPS chain: one 301 to the same host, then the hardened page. */
export function goodChain(): RedirectChain {
  return {
    startUrl: 'http://app.example.com/',
    hops: [hop('http://app.example.com/', 301, 'https://app.example.com/')],
    final: hardened(),
  };
}

/** A CORS probe answer. */
export function corsProbe(origin: string, variant: CorsProbe['variant'], headers: HeaderChanges, path = '/'): CorsProbe {
  return {path, origin, variant, response: response(headers)};
}

/** The target as a plain-HTTP URL. */
export const HTTP_TARGET = {url: 'http://app.example.com/', host: 'app.example.com', https: false, tlsProfile: 'intermediate'} as const;

/** A probe error with a stable code. */
export function probeError(code: ProbeErrorCode, message = `${code} while probing`): ProbeError {
  return {kind: 'probe-error', code, message};
}

// --- TLS artifacts: one good TLS 1.2 + 1.3 server with a trusted 90-day ECDSA leaf; each case changes one thing.

import type {CertInfo, TargetInfo, TlsCertificate, TlsProfile, TlsProtocolScan, TlsScan, TlsSuite, TlsVersion} from '../../src/core/types.js';

/** The registry's code points of the suites the tests name (IANA TLS Cipher Suites; SSLv2's 3-byte kinds). */
const SUITE_CODES: Readonly<Record<string, number>> = {
  SSL_CK_RC4_128_WITH_MD5: 0x010080,
  SSL_CK_DES_192_EDE3_CBC_WITH_MD5: 0x0700c0,
  TLS_NULL_WITH_NULL_NULL: 0x0000,
  TLS_RSA_WITH_NULL_SHA: 0x0002,
  TLS_RSA_EXPORT_WITH_RC4_40_MD5: 0x0003,
  TLS_RSA_WITH_RC4_128_MD5: 0x0004,
  TLS_RSA_WITH_RC4_128_SHA: 0x0005,
  TLS_RSA_WITH_DES_CBC_SHA: 0x0009,
  TLS_RSA_WITH_3DES_EDE_CBC_SHA: 0x000a,
  TLS_RSA_WITH_AES_128_CBC_SHA: 0x002f,
  TLS_DHE_RSA_WITH_AES_128_CBC_SHA: 0x0033,
  TLS_DH_anon_WITH_AES_128_CBC_SHA: 0x0034,
  TLS_RSA_WITH_AES_256_CBC_SHA: 0x0035,
  TLS_RSA_WITH_CAMELLIA_128_CBC_SHA: 0x0041,
  TLS_RSA_WITH_AES_128_GCM_SHA256: 0x009c,
  TLS_RSA_WITH_AES_256_GCM_SHA384: 0x009d,
  TLS_DHE_RSA_WITH_AES_128_GCM_SHA256: 0x009e,
  TLS_DHE_RSA_WITH_AES_256_GCM_SHA384: 0x009f,
  TLS_AES_128_GCM_SHA256: 0x1301,
  TLS_AES_256_GCM_SHA384: 0x1302,
  TLS_CHACHA20_POLY1305_SHA256: 0x1303,
  TLS_AES_128_CCM_SHA256: 0x1304,
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 0xc013,
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 0xc014,
  TLS_ECDH_anon_WITH_AES_128_CBC_SHA: 0xc018,
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: 0xc027,
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 0xc02b,
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 0xc02c,
  TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256: 0xc02d,
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 0xc02f,
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 0xc030,
  TLS_ECDHE_ECDSA_WITH_AES_128_CCM: 0xc0ac,
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 0xcca8,
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 0xcca9,
  TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 0xccaa,
};

/** A suite by IANA name, with its registry code point. */
export function suite(name: string): TlsSuite {
  const code = SUITE_CODES[name];
  if (code === undefined) throw new Error(`add the code point of ${name} to SUITE_CODES`);
  return {code, name};
}

/** The baseline's TLS 1.2 suites: Mozilla intermediate's ECDSA ones. */
export const GOOD_TLS12 = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
] as const;
/** The baseline's TLS 1.3 suites. */
export const GOOD_TLS13 = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'] as const;

/** One version's scan: offered with these suites in this order; none means not offered. */
export function protocolScan(version: TlsVersion, names: readonly string[], serverPreference?: boolean): TlsProtocolScan {
  // The probe reports preference only when at least two suites were accepted; Mozilla's intermediate lets the client choose.
  const preference = names.length >= 2 ? {serverPreference: serverPreference ?? false} : {};
  return {version, offered: names.length > 0, suites: names.map(suite), ...preference};
}

export type ProtocolChanges = Partial<Record<TlsVersion, readonly string[] | TlsProtocolScan>>;

/** The baseline scan (TLS 1.2 + 1.3, ECDHE AEAD suites only) with some versions changed and other fields replaced. */
export function tlsScan(protocols: ProtocolChanges = {}, extra: Partial<Omit<TlsScan, 'protocols'>> = {}): TlsScan {
  const offer: ProtocolChanges = {'TLSv1.2': GOOD_TLS12, 'TLSv1.3': GOOD_TLS13, ...protocols};
  const versions: readonly TlsVersion[] = ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
  return {
    host: 'app.example.com',
    port: 443,
    protocols: versions.map((v) => {
      const change = offer[v] ?? [];
      return 'version' in change ? change : protocolScan(v, change);
    }),
    groups: [
      {code: 0x001d, name: 'x25519'},
      {code: 0x0017, name: 'secp256r1'},
      {code: 0x0018, name: 'secp384r1'},
    ],
    fallbackScsv: true,
    compression: false,
    secureRenegotiation: true,
    handshakes: 24,
    durationMs: 60,
    ...extra,
  };
}

/** The baseline leaf: 90 days (1 May to 29 July 2025 inclusive), ECDSA P-256, signed with ecdsa-with-SHA256. */
export function leafCert(changes: Partial<CertInfo> = {}): CertInfo {
  return {
    subject: 'CN=app.example.com',
    issuer: 'C=US, O=Example Trust, CN=Example Issuing CA E1',
    serialNumber: '04A1B2C3D4E5F60718293A4B5C6D7E8F',
    subjectAltNames: ['DNS:app.example.com'],
    notBefore: '2025-05-01T00:00:00.000Z',
    notAfter: '2025-07-29T23:59:59.000Z',
    keyType: 'ec',
    keyBits: 256,
    curve: 'prime256v1',
    signatureAlgorithm: 'ecdsa-with-SHA256',
    selfSigned: false,
    isCa: false,
    fingerprint256: '3F:9A:1C:22:7B:E0:55:41:9D:0A:6B:C8:12:EE:47:90:5B:2D:71:83:C6:0F:94:A5:38:DE:61:7C:09:B4:AF:12',
    ...changes,
  };
}

/** The baseline intermediate: an ECDSA P-384 CA signed by the root (which the server does not send). */
export function intermediateCert(changes: Partial<CertInfo> = {}): CertInfo {
  return leafCert({
    subject: 'C=US, O=Example Trust, CN=Example Issuing CA E1',
    issuer: 'C=US, O=Example Trust, CN=Example Root X2',
    serialNumber: '7B2C4D1E0F9A8B7C',
    subjectAltNames: [],
    notBefore: '2024-03-13T00:00:00.000Z',
    notAfter: '2027-03-12T23:59:59.000Z',
    keyBits: 384,
    curve: 'secp384r1',
    signatureAlgorithm: 'ecdsa-with-SHA384',
    isCa: true,
    fingerprint256: 'A0:11:5E:C2:93:4B:7D:06:E8:21:F4:3C:90:AB:65:1D:C7:38:52:0E:B9:46:7A:D3:2F:8C:01:E5:69:B2:14:7F',
    ...changes,
  });
}

/** A self-signed root, for chains that include one. */
export function rootCert(changes: Partial<CertInfo> = {}): CertInfo {
  return intermediateCert({
    subject: 'C=US, O=Example Trust, CN=Example Root X2',
    issuer: 'C=US, O=Example Trust, CN=Example Root X2',
    notBefore: '2020-09-04T00:00:00.000Z',
    notAfter: '2040-09-17T16:00:00.000Z',
    selfSigned: true,
    ...changes,
  });
}

export type CertChanges = Partial<Omit<TlsCertificate, 'trust'>> & {trust?: Partial<TlsCertificate['trust']>};

/** The baseline chain as served (leaf + intermediate, trusted, matching, stapled), observed on 1 June 2025. */
export function tlsCert(changes: CertChanges = {}, leaf: Partial<CertInfo> = {}): TlsCertificate {
  const {trust, ...rest} = changes;
  return {
    host: 'app.example.com',
    port: 443,
    observedAt: '2025-06-01T12:00:00.000Z',
    chain: [leafCert(leaf), intermediateCert()],
    trust: {trusted: true, completeAsSent: true, anchor: 'C=US, O=Example Trust, CN=Example Root X2', ...trust},
    hostnameMatches: true,
    ocspStapled: true,
    alpn: 'h2',
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    ...rest,
  };
}

/** The target judged against another Mozilla profile. */
export function profileTarget(tlsProfile: TlsProfile): TargetInfo {
  return {...TARGET, tlsProfile};
}

type Exchange = import('../../src/core/types.js').Exchange;
type ExposedPathsArtifact = import('../../src/core/types.js').ExposedPaths;
type MethodProbesArtifact = import('../../src/core/types.js').MethodProbes;

/** A bare answer: this status and body, only the headers given. */
export function answer(status: number, body: string, headers: HeaderChanges = {}): HttpResponse {
  return response(headers, {status, body});
}

/** nginx's 404 page: how a well-run site answers a path that is not there. */
export function notFound(): HttpResponse {
  return answer(
    404,
    '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    {
      'content-type': 'text/html',
    },
  );
}

/** One request on the target's origin and its answer (its URL set to the path) or its probe error. */
export function exchange(path: string, result: HttpResponse | ProbeError, method = 'GET'): Exchange {
  return 'kind' in result ? {method, path, error: result} : {method, path, response: {...result, url: new URL(path, TARGET.url).href}};
}

/** The canary path the table tests use (the probe picks 16 random hex digits). */
export const CANARY_PATH = '/shipcheck-canary-0123456789abcdef';

/** An ExposedPaths artifact: every path answers 404 (canary included) unless `answers` says otherwise. */
export function exposedPaths(
  paths: readonly string[],
  answers: Readonly<Record<string, HttpResponse | ProbeError>> = {},
  canary: HttpResponse | ProbeError = notFound(),
): ExposedPathsArtifact {
  return {canary: exchange(CANARY_PATH, canary), probes: paths.map((p) => exchange(p, answers[p] ?? notFound()))};
}

/** A MethodProbes artifact from the answers to TRACE / and OPTIONS /. */
export function methodProbes(trace: HttpResponse | ProbeError, options: HttpResponse | ProbeError): MethodProbesArtifact {
  return {trace: exchange('/', trace, 'TRACE'), options: exchange('/', options, 'OPTIONS')};
}

// --- Rate-limit bursts and auth attempts: a burst limited with 429 + Retry-After + RateLimit at
// request 11, and GET /admin refused with 401 every way; each case changes one thing.

import type {AuthAttempt, AuthEndpoint, RateLimitBurst} from '../../src/core/types.js';

/** 30 GETs planned at /api/login: 10 answered 200, request 11 met a 429 with Retry-After and RateLimit, 2 more were in flight. */
export function rateLimitBurst(changes: Partial<RateLimitBurst> = {}): RateLimitBurst {
  return {
    path: '/api/login',
    planned: 30,
    sent: 13,
    statuses: [...Array<number>(10).fill(200), 429, 429, 429],
    limitedAt: 11,
    limited: response(
      {'retry-after': '60', 'ratelimit-policy': '"default";q=10;w=60', ratelimit: '"default";r=0;t=60'},
      {status: 429, body: 'Too many requests'},
    ),
    lastOk: response({'ratelimit-policy': '"default";q=10;w=60', ratelimit: '"default";r=0;t=60'}),
    failures: 0,
    ...changes,
  };
}

/** The limiting answer of `rateLimitBurst` replaced by one with this status and exactly these headers. */
export function limitedBy(status: number, headers: HeaderChanges = {}): Partial<RateLimitBurst> {
  return {limited: response(headers, {status, body: ''}), statuses: [...Array<number>(10).fill(200), status, status, status]};
}

/** A burst never limited: all `sent` requests answered `status`. */
export function unlimitedBurst(status = 200, sent = 30, headers: HeaderChanges = {}): RateLimitBurst {
  return {path: '/api/login', planned: 30, sent, statuses: Array<number>(sent).fill(status), lastOk: response(headers, {status}), failures: 0};
}

export type AuthVariant = AuthAttempt['variant'];
type AuthAnswer = HttpResponse | ProbeError;

function attempt(variant: AuthVariant, method: string, path: string, given: AuthAnswer): AuthAttempt {
  const url = new URL(path, TARGET.url).href;
  return 'kind' in given ? {method, path, variant, error: given} : {method, path, variant, response: {...given, url}};
}

/**
 * An endpoint (GET /admin by default) asked the four anonymous ways, each answered by `answerFor`;
 * `control` adds the positive-control attempt.
 */
export function authEndpoint(
  answerFor: (variant: AuthVariant) => AuthAnswer,
  options: {control?: AuthAnswer; path?: string; method?: string; refusal?: readonly number[]; loginUrl?: string} = {},
): AuthEndpoint {
  const {path = '/admin', method = 'GET', refusal = [401, 403], loginUrl, control} = options;
  const variants: AuthVariant[] = ['no-credentials', 'invalid-bearer', 'malformed-token', 'alg-none-jwt'];
  return {
    path,
    method,
    refusal,
    ...(loginUrl === undefined ? {} : {loginUrl}),
    attempts: [
      ...variants.map((v) => attempt(v, method, path, answerFor(v))),
      ...(control ? [attempt('positive-control', method, path, control)] : []),
    ],
  };
}

type ErrorProbeArtifact = import('../../src/core/types.js').ErrorProbe;
/** The provocations every scan sends (the debug-console GET depends on what they show). */
type Provocation = Exclude<ErrorProbeArtifact['provocation'], 'debug-console'>;

/** Each provocation's request as the error probe sends it (its random token fixed). */
export const PROVOCATIONS: Readonly<Record<Provocation, {readonly method: string; readonly path: string}>> = {
  'not-found': {method: 'GET', path: '/shipcheck-0123456789abcdef'},
  'bad-method': {method: 'PROPFIND', path: '/'},
  'malformed-query': {method: 'GET', path: '/?id=%27&q=%22%27&x[]=1&x=2&%E0%A4%A=%'},
  'long-path': {method: 'GET', path: `/shipcheck-${'a'.repeat(4086)}`},
  'malformed-json': {method: 'POST', path: '/api/items'},
};

/** How a well-run site answers each provocation: plain error pages that say nothing about its insides. */
export function cleanErrorAnswer(provocation: Provocation): HttpResponse {
  const nginxPage = (status: string): string =>
    `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  switch (provocation) {
    case 'not-found':
      return notFound();
    case 'bad-method':
      return answer(405, nginxPage('405 Not Allowed'), {'content-type': 'text/html'});
    case 'malformed-query':
      return hardened();
    case 'long-path':
      return answer(414, nginxPage('414 Request-URI Too Large'), {'content-type': 'text/html'});
    case 'malformed-json':
      return answer(400, '{"error":"Request body is not valid JSON"}', {'content-type': 'application/json'});
  }
}

/** One provoked error and its answer (or why there was none). */
export function errorProbe(provocation: Provocation, result: HttpResponse | ProbeError): ErrorProbeArtifact {
  const {method, path} = PROVOCATIONS[provocation];
  return {provocation, ...exchange(path, result, method)};
}

/** An ErrorPages artifact: every provocation answered cleanly unless `answers` says otherwise. */
export function errorPages(answers: Partial<Record<Provocation, HttpResponse | ProbeError>> = {}): ErrorProbeArtifact[] {
  return (Object.keys(PROVOCATIONS) as Provocation[]).map((p) => errorProbe(p, answers[p] ?? cleanErrorAnswer(p)));
}
