/**
 * The central types of the pipeline: probes gather artifacts, checks judge them, the report carries
 * everything a formatter needs. See ARCHITECTURE.md (gather → judge → render).
 */

export const FAMILIES = [
  'headers',
  'hsts',
  'redirect',
  'cookies',
  'cors',
  'tls',
  'disclosure',
  'rate-limit',
  'auth',
  'exposure',
] as const;
export type Family = (typeof FAMILIES)[number];

export type Status = 'pass' | 'fail' | 'warn' | 'error' | 'skipped';
/** The user's policy for a check: whether its failure gates the run. Separate from severity. */
export const LEVELS = ['error', 'warn', 'off'] as const;
export type Level = (typeof LEVELS)[number];
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

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
  | 'aborted'
  | 'internal';

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
  readonly bodyTruncated: boolean;
  readonly redirects: readonly RedirectHop[];
  readonly durationMs: number;
}

/** A page the header/cookie/CORS/disclosure checks judge: the target URL itself, or a `--path`. */
export interface Page {
  /** The path as the user named it ('/' for the target URL itself). */
  readonly path: string;
  readonly url: string;
  readonly response?: HttpResponse;
  /** Set instead of `response` when this page could not be fetched or the answer is inconclusive. */
  readonly error?: ProbeError;
}

/** The HTTP→HTTPS redirect as observed from the http:// URL, hop by hop (no redirect is followed blindly). */
export interface RedirectChain {
  readonly startUrl: string;
  readonly hops: readonly RedirectHop[];
  /** The response that ended the chain (not a redirect), when one was reached. */
  readonly final?: HttpResponse;
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

/** Every artifact a probe can produce, by name. */
export interface ArtifactMap {
  /** The target URL and each `--path`, fetched with GET (first entry is the target URL). */
  Pages: readonly Page[];
  /** The chain observed starting from the plain-HTTP URL. */
  RedirectChain: RedirectChain;
  /** Responses to cross-origin requests. */
  CorsProbes: readonly CorsProbe[];
}
export type ArtifactName = keyof ArtifactMap;
/** What the gatherer stores: each artifact, or why it could not be made. */
export type Artifacts = {[K in ArtifactName]?: ArtifactMap[K] | ProbeError};

export function isProbeError(value: unknown): value is ProbeError {
  return typeof value === 'object' && value !== null && (value as {kind?: unknown}).kind === 'probe-error';
}

/** What a check knows of the target besides its artifacts. */
export interface TargetInfo {
  readonly url: string;
  readonly host: string;
  readonly https: boolean;
}

/** A finding's own verdict; a check's status is the worst of its findings (pass when none fails). */
export type FindingKind = 'fail' | 'warn' | 'error' | 'info';

export type FindingData = Record<string, string | number | boolean>;

export interface Finding {
  readonly kind: FindingKind;
  readonly messageId: string;
  readonly data?: FindingData;
  /** The page the finding is about, when a check judges several. */
  readonly page?: string;
}

export interface CheckOutcome {
  readonly status: Status;
  readonly findings: readonly Finding[];
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
  /** Exactly what to change (nginx / Apache / Express lines where that helps), Markdown. */
  readonly remediation: string;
  readonly severity: Severity;
  readonly requiredArtifacts: readonly A[];
  /** Finding texts by id, with `{{placeholder}}`s filled from the finding's data. */
  readonly messages: Readonly<Record<M, string>>;
}

export interface Check<A extends ArtifactName = ArtifactName, O extends object = object, M extends string = string> {
  readonly meta: CheckMeta<A, M>;
  readonly defaultOptions: O;
  /** Options the `strict` preset uses instead of the defaults (merged over them). */
  readonly strictOptions?: Partial<O>;
  /** Pure and synchronous: the declared artifacts in, a verdict out. */
  run(artifacts: {readonly [K in A]: ArtifactMap[K]}, options: O, target: TargetInfo): CheckOutcome;
}

/** Any check, for registries and the runner. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCheck = Check<any, any, string>;
