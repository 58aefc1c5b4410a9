/**
 * The central types of the pipeline: probes gather artifacts, checks judge them, the report carries
 * everything a formatter needs. See ARCHITECTURE.md (gather → judge → render).
 */

export const FAMILIES = ['headers', 'hsts', 'redirect', 'cookies', 'cors', 'tls', 'disclosure', 'rate-limit', 'auth', 'exposure'] as const;
export type Family = (typeof FAMILIES)[number];

export type Status = 'pass' | 'fail' | 'warn' | 'error' | 'skipped';
/** The user's policy for a check: whether its failure gates the run. Separate from severity. */
export const LEVELS = ['error', 'warn', 'off'] as const;
export type Level = (typeof LEVELS)[number];
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** The OWASP Top 10 (2021) categories, by id, with their names (https://owasp.org/Top10/). */
export const OWASP_TOP10 = {
  'A01:2021': 'Broken Access Control',
  'A02:2021': 'Cryptographic Failures',
  'A03:2021': 'Injection',
  'A04:2021': 'Insecure Design',
  'A05:2021': 'Security Misconfiguration',
  'A06:2021': 'Vulnerable and Outdated Components',
  'A07:2021': 'Identification and Authentication Failures',
  'A08:2021': 'Software and Data Integrity Failures',
  'A09:2021': 'Security Logging and Monitoring Failures',
  'A10:2021': 'Server-Side Request Forgery',
} as const;
export type OwaspId = keyof typeof OWASP_TOP10;

/** The servers and frameworks a fix can be written for, with the name a person knows them by. */
export const STACKS = {
  nginx: 'nginx',
  apache: 'Apache',
  caddy: 'Caddy',
  iis: 'IIS',
  node: 'Node',
  express: 'Express',
  php: 'PHP',
  laravel: 'Laravel',
  django: 'Django',
  flask: 'Flask',
  rails: 'Rails',
  spring: 'Spring Boot',
  aspnet: 'ASP.NET',
} as const;
export type Stack = keyof typeof STACKS;

/**
 * How to fix a failing check, Markdown: what to change whatever serves the site, the exact line for
 * each stack it can be written for, and what to keep in mind after. The console shows the line for
 * the stack it detected (or `generic`); every other format shows all of it (see remediationText).
 */
export interface Fixes {
  /** What to change, whatever serves the site: shown alone when the stack is unknown or has no line here. */
  readonly generic: string;
  /** The line for each stack, e.g. nginx: "`server_tokens off;`". */
  readonly stacks: Readonly<Partial<Record<Stack, string>>>;
  /** A caveat that applies to every stack, e.g. when to leave `preload` out. */
  readonly note?: string;
}

/** One header as received, name lower-cased, duplicates kept in wire order. */
export type RawHeader = readonly [name: string, value: string];

/** Why a measurement could not be made (or cannot be trusted). Stable codes, for reports and tests. */
export type ProbeErrorCode =
  | 'timeout'
  | 'connection-refused'
  | 'connection-reset'
  | 'dns'
  | 'tls'
  | 'protocol'
  | 'too-large'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'http-5xx'
  | 'waf-challenge'
  /** A redirect to another origin answered instead of the site (src/lib/inconclusive.ts redirectedAway). */
  | 'redirected-away'
  /** The target's limiter answered 429 instead of the page. */
  | 'rate-limited'
  /** Not finished: the run was interrupted (SIGINT, SIGTERM). */
  | 'aborted'
  /** Not sent: the target's request budget (--max-requests) was spent. */
  | 'budget'
  | 'internal'
  /** The artifact does not apply to this target (TLS of an http:// URL): its checks are skipped. */
  | 'not-applicable';

export interface ProbeError {
  readonly kind: 'probe-error';
  readonly code: ProbeErrorCode;
  /** One line for a person; never contains credentials. */
  readonly message: string;
  /** The URL the failing request went to, credentials removed. */
  readonly url?: string;
}

/** One redirect hop: the response that redirected and where it pointed. */
export interface RedirectHop {
  readonly url: string;
  readonly status: number;
  readonly location: string;
  readonly headers: readonly RawHeader[];
}

/** One HTTP response, with the hops that led to it. Body text is a capped excerpt. */
export interface HttpResponse {
  /** The URL that answered (after redirects). */
  readonly url: string;
  readonly status: number;
  /** '1.1' or '2.0'. */
  readonly httpVersion: string;
  readonly headers: readonly RawHeader[];
  /** The start of the decoded body, at most the body cap. */
  readonly body: string;
  /** The body went on past what is kept: at the body cap, or where the connection broke (bodyCut). */
  readonly bodyTruncated: boolean;
  /**
   * Set when the connection broke before the body ended (the reason): what arrived is kept, and a
   * leak found in it counts, but its absence proves nothing about the rest.
   */
  readonly bodyCut?: string;
  readonly redirects: readonly RedirectHop[];
  readonly durationMs: number;
  /**
   * Set when this answer came over a TLS connection whose certificate browsers reject (the reason):
   * it was fetched without verifying the certificate, and without any of the user's credentials.
   */
  readonly certificateRejected?: string;
}

/** A page the header/cookie/CORS/disclosure checks judge: the target URL itself, or a `--path`. */
export interface Page {
  /** The path as the user named it ('/' for the target URL itself). */
  readonly path: string;
  readonly url: string;
  /** The answer, whenever one came: also a 5xx or a block page, whose body the disclosure checks read. */
  readonly response?: HttpResponse;
  /**
   * Why the page cannot be judged as the site's: no answer, or an answer that is not the site's page
   * (429, 5xx, challenge). Header/cookie checks skip such a page; disclosure checks still read its body.
   */
  readonly error?: ProbeError;
}

/** The HTTP→HTTPS redirect as observed from the http:// URL, hop by hop (no redirect is followed blindly). */
export interface RedirectChain {
  readonly startUrl: string;
  readonly hops: readonly RedirectHop[];
  /** The response that ended the chain (not a redirect), when one was reached. */
  readonly final?: HttpResponse;
  /**
   * The last hop points to another host, which is not followed (another site's answer is not ours to
   * judge): the chain is complete as observed, without a final response.
   */
  readonly leftHost?: boolean;
  /** Set when the chain stopped on an error (loop, too many hops, timeout …). */
  readonly error?: ProbeError;
}

/** Responses to GET requests sent with a foreign Origin, per page and origin. */
export interface CorsProbe {
  readonly path: string;
  /** The Origin sent: a hostile site, `null`, or a look-alike of the target's own host. */
  readonly origin: string;
  /** What the origin is meant to test. */
  readonly variant: 'foreign' | 'null' | 'suffix' | 'prefix' | 'http-same-host';
  readonly response?: HttpResponse;
  readonly error?: ProbeError;
}

export const TLS_VERSIONS = ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

/** A cipher suite by its IANA code point and name (e.g. 0x1301 TLS_AES_128_GCM_SHA256). */
export interface TlsSuite {
  readonly code: number;
  readonly name: string;
}

export interface TlsProtocolScan {
  readonly version: TlsVersion;
  readonly offered: boolean;
  /** Accepted suites: in the server's preference order when `serverPreference`, else in the order found. */
  readonly suites: readonly TlsSuite[];
  /** Whether the server picks by its own order; undefined when fewer than two suites were accepted. */
  readonly serverPreference?: boolean;
}

/** What hand-built ClientHellos found for one host:port. */
export interface TlsScan {
  readonly host: string;
  readonly port: number;
  /** One entry per version in TLS_VERSIONS order. */
  readonly protocols: readonly TlsProtocolScan[];
  /** Key-exchange groups the server accepts (named groups, by IANA code point and name). */
  readonly groups: readonly TlsSuite[];
  /** Whether an inappropriate-fallback hello is refused; undefined when only one version is offered. */
  readonly fallbackScsv?: boolean;
  /** Whether the server accepted DEFLATE compression (CRIME). */
  readonly compression: boolean;
  /** Whether the ServerHello carries renegotiation_info (RFC 5746); undefined when only TLS 1.3. */
  readonly secureRenegotiation?: boolean;
  /** The smallest finite-field DH group (bits) seen with a DHE suite; undefined when none was accepted. */
  readonly dhBits?: number;
  /** ClientHellos sent. */
  readonly handshakes: number;
  readonly durationMs: number;
}

export type KeyType = 'rsa' | 'ec' | 'ed25519' | 'ed448' | 'dsa' | 'unknown';

/** One certificate as the server sent it. */
export interface CertInfo {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  /** subjectAltName entries, e.g. 'DNS:app.example.com', 'IP Address:127.0.0.1'. */
  readonly subjectAltNames: readonly string[];
  /** ISO 8601. */
  readonly notBefore: string;
  readonly notAfter: string;
  readonly keyType: KeyType;
  readonly keyBits: number;
  /** For EC keys, the curve (e.g. 'prime256v1'). */
  readonly curve?: string | undefined;
  /** From the DER, e.g. 'sha256WithRSAEncryption', 'ecdsa-with-SHA384', 'md5WithRSAEncryption'. */
  readonly signatureAlgorithm: string;
  readonly selfSigned: boolean;
  readonly isCa: boolean;
  readonly fingerprint256: string;
}

export type TrustProblem = 'self-signed' | 'unknown-issuer' | 'incomplete-chain' | 'bad-signature' | 'expired-in-chain' | 'not-yet-valid-in-chain';

/** The certificate chain from a full node:tls handshake, validated by our own path building. */
export interface TlsCertificate {
  readonly host: string;
  readonly port: number;
  /** When the chain was observed (ISO 8601): the checks judge dates against it, never the clock. */
  readonly observedAt: string;
  /** As the server sent it, leaf first. */
  readonly chain: readonly CertInfo[];
  readonly trust: {
    readonly trusted: boolean;
    readonly problem?: TrustProblem;
    /** The chain as sent reaches a trusted root without fetching or guessing intermediates. */
    readonly completeAsSent: boolean;
    /** Subject of the trusted root the path ends at. */
    readonly anchor?: string;
  };
  readonly hostnameMatches: boolean;
  readonly ocspStapled: boolean;
  /** The ALPN protocol agreed when offering h2 and http/1.1. */
  readonly alpn?: string;
  /** Negotiated by a default handshake, e.g. 'TLSv1.3' and 'TLS_AES_256_GCM_SHA384'. */
  readonly protocol: string;
  readonly cipher: string;
}

/** One bounded request and what came back: the unit of the active probes. */
export interface Exchange {
  readonly method: string;
  /** The path (and query) requested on the target's origin. */
  readonly path: string;
  readonly response?: HttpResponse;
  readonly error?: ProbeError;
}

/** An error deliberately provoked, the way an attacker would. */
export interface ErrorProbe extends Exchange {
  readonly provocation: 'not-found' | 'bad-method' | 'malformed-query' | 'long-path' | 'malformed-json' | 'debug-console';
}

/** A bounded burst of anonymous GETs at one endpoint the user named. */
export interface RateLimitBurst {
  readonly path: string;
  readonly planned: number;
  /** Requests actually put on the wire (stops at the first limiting answer). */
  readonly sent: number;
  /** Status of each answered request, in the order they were sent (requests with no answer left out). */
  readonly statuses: readonly number[];
  /**
   * Position of the first limiting answer (429, or a 503 that a limiter sent) in arrival order:
   * over several connections later requests overtake earlier ones, and the limiter counts arrivals.
   */
  readonly limitedAt?: number;
  /** That limiting answer (status, headers, capped body). */
  readonly limited?: HttpResponse;
  /** The last ordinary answer before any limit, for its RateLimit-* headers. */
  readonly lastOk?: HttpResponse;
  /** Requests that failed at the network level. */
  readonly failures: number;
  /** Set when the burst could not be run meaningfully (first request failed, 5xx answers …). */
  readonly error?: ProbeError;
}

/** How an endpoint that must refuse anonymous access was asked, and what it answered each time. */
export interface AuthAttempt extends Exchange {
  /** invalid-basic and invalid-api-key are sent only to OpenAPI operations whose schemes declare them. */
  readonly variant:
    'no-credentials' | 'invalid-bearer' | 'malformed-token' | 'alg-none-jwt' | 'invalid-basic' | 'invalid-api-key' | 'positive-control';
}

export interface AuthEndpoint {
  readonly path: string;
  readonly method: string;
  /** Statuses that count as a refusal (default 401 and 403). */
  readonly refusal: readonly number[];
  /** A redirect to this URL (or path) also counts as a refusal. */
  readonly loginUrl?: string;
  readonly attempts: readonly AuthAttempt[];
}

/** One secured operation of the OpenAPI document, as it was asked (or why it was not). */
export interface OpenApiOperationProbe {
  readonly method: string;
  /** The path template as the document writes it, e.g. /items/{id}. */
  readonly path: string;
  readonly operationId?: string;
  /** The path and query sent, parameters filled. */
  readonly sent: string;
  /** The parameter values used, e.g. "id=1, limit=10" ("none" when there are none). */
  readonly parameters: string;
  readonly refusal: readonly number[];
  /** Set when the operation was not sent (its method is not enabled), with the reason. */
  readonly notProbed?: string;
  readonly attempts: readonly AuthAttempt[];
}

/** The secured operations of an OpenAPI document, each asked without valid credentials. */
export interface OpenApiOperations {
  /** The document as the user named it. */
  readonly document: string;
  /** Operations whose effective security is empty (public): counted, never asked. */
  readonly public: number;
  readonly operations: readonly OpenApiOperationProbe[];
}

/** Well-known files probed for, after a random-path canary that shows how the site answers a miss. */
export interface ExposedPaths {
  readonly canary: Exchange;
  readonly probes: readonly Exchange[];
}

/** Risky methods: TRACE (does it echo the request?) and OPTIONS (what does it advertise?). */
export interface MethodProbes {
  readonly trace: Exchange;
  readonly options: Exchange;
}

/** Every artifact a probe can produce, by name. */
export interface ArtifactMap {
  /** The target URL and each `--path`, fetched with GET (first entry is the target URL). */
  Pages: readonly Page[];
  /** The chain observed starting from the plain-HTTP URL. */
  RedirectChain: RedirectChain;
  /** Responses to cross-origin requests. */
  CorsProbes: readonly CorsProbe[];
  /** Protocol versions, suites, groups and handshake features from raw ClientHellos. */
  TlsScan: TlsScan;
  /** The certificate chain as served, and its validation. */
  TlsCertificate: TlsCertificate;
  /** Provoked error answers: 404, 405/501, malformed query, overlong path, malformed JSON. */
  ErrorPages: readonly ErrorProbe[];
  /** One burst per endpoint the user named; not-applicable when none was named. */
  RateLimitBursts: readonly RateLimitBurst[];
  /** One entry per endpoint the user named as requiring authentication. */
  AuthEndpoints: readonly AuthEndpoint[];
  /** The secured operations of the --openapi document; not-applicable without one. */
  OpenApiOperations: OpenApiOperations;
  ExposedPaths: ExposedPaths;
  MethodProbes: MethodProbes;
  /** GET /.well-known/security.txt (RFC 9116). */
  SecurityTxt: Exchange;
}
export type ArtifactName = keyof ArtifactMap;
/** What the gatherer stores: each artifact, or why it could not be made. */
export type Artifacts = {[K in ArtifactName]?: ArtifactMap[K] | ProbeError};

export function isProbeError(value: unknown): value is ProbeError {
  return typeof value === 'object' && value !== null && (value as {kind?: unknown}).kind === 'probe-error';
}

export const TLS_PROFILES = ['modern', 'intermediate', 'old'] as const;
/** Mozilla's server-side TLS configurations. */
export type TlsProfile = (typeof TLS_PROFILES)[number];

/** What a check knows of the target and the run besides its artifacts. */
export interface TargetInfo {
  readonly url: string;
  readonly host: string;
  readonly https: boolean;
  /** The Mozilla profile TLS verdicts are judged against (default intermediate). */
  readonly tlsProfile: TlsProfile;
}

/** A finding's own verdict; a check's status is the worst of its findings (pass when none fails). */
export type FindingKind = 'fail' | 'warn' | 'error' | 'info';

export type FindingData = Record<string, string | number | boolean>;

/** One observation of a check; `M` is the check's own message ids, so a misspelt id does not compile. */
export interface Finding<M extends string = string> {
  readonly kind: FindingKind;
  readonly messageId: M;
  readonly data?: FindingData;
  /** The page the finding is about, when a check judges several. */
  readonly page?: string;
}

export interface CheckOutcome<M extends string = string> {
  readonly status: Status;
  readonly findings: readonly Finding<M>[];
}

export interface CheckMeta<A extends ArtifactName = ArtifactName, M extends string = string> {
  /** kebab-case, the file name in checks/. */
  readonly id: string;
  readonly family: Family;
  /** The passing state, e.g. "MIME sniffing is disabled". */
  readonly title: string;
  /** The failing state, e.g. "MIME sniffing is not disabled". */
  readonly failureTitle: string;
  /** Why it matters, Markdown, with one reference link. */
  readonly description: string;
  /** Exactly what to change: in general, and as a line for each stack where one helps. */
  readonly fixes: Fixes;
  readonly severity: Severity;
  /** The CWE weaknesses a failure is an instance of, by number (CWE-319 → 319); at least one. */
  readonly cwe: readonly number[];
  /** The OWASP Top 10 (2021) categories a failure falls under; at least one. */
  readonly owasp: readonly OwaspId[];
  readonly requiredArtifacts: readonly A[];
  /**
   * How many findings the report keeps (default 50, evaluate.MAX_FINDINGS). A check whose findings
   * are a ledger of items the user asked for (one per OpenAPI operation) keeps them all, up to this.
   */
  readonly maxFindings?: number;
  /** Finding texts by id, with `{{placeholder}}`s filled from the finding's data. */
  readonly messages: Readonly<Record<M, string>>;
}

export interface Check<A extends ArtifactName = ArtifactName, O extends object = object, M extends string = string> {
  readonly meta: CheckMeta<A, M>;
  readonly defaultOptions: O;
  /** Options the `strict` preset uses instead of the defaults (merged over them). */
  readonly strictOptions?: Partial<O>;
  /** Pure and synchronous: the declared artifacts in, a verdict out. Only ids of `meta.messages` type-check. */
  run(artifacts: {readonly [K in A]: ArtifactMap[K]}, options: O, target: TargetInfo): CheckOutcome<NoInfer<M>>;
}

/** Any check, for registries and the runner. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- `run` takes artifacts and options contravariantly: no narrower type admits every check.
export type AnyCheck = Check<any, any>;
