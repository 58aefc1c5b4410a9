/**
 * The engine's only input: one scan, everything parsed and typed. The CLI maps its flags to it
 * (src/cli/request.ts); the GitHub Action builds it from its inputs (src/action/run.ts); the engine
 * never sees a flag name or an unparsed header string.
 */
import type {SourceLocation} from '../core/report.js';
import type {AuthEndpointSpec} from '../core/target.js';
import type {TlsProfile} from '../core/types.js';
import type {ConsoleOptions} from '../formatters/console.js';
import type {FormatName} from '../formatters/index.js';
import type {GitHubRequest} from '../github/from-request.js';
import type {Preset} from './config-schema.js';
import type {Selector} from './policy.js';
import type {ProgressMode} from './gather.js';

/** Where the report goes. */
export interface OutputRequest {
  /** The first goes to stdout (unless `dir` is set); several need `dir`. */
  readonly formats: readonly FormatName[];
  /** Also write the report to this file, in this format. */
  readonly file?: {readonly path: string; readonly format: FormatName};
  /** Write each format to `<dir>/shipcheck.<ext>`; stdout then keeps the console summary (or JSON). */
  readonly dir?: string;
  /** With `dir`: stdout prints JSON instead of the console summary. */
  readonly jsonOnStdout: boolean;
  /** Where SARIF results without a location of their own point. */
  readonly sarifLocation: SourceLocation;
  /** Colour the console format (the caller knows whether stdout is a terminal). */
  readonly colour: boolean;
  /** The console format's width and fixes (the caller knows the terminal); default 80 columns, the detected stack's fix. */
  readonly console?: ConsoleOptions;
  readonly progress: ProgressMode;
}

export interface ScanRequest {
  /** Target URLs; none: the config's targets. */
  readonly urls: readonly string[];
  /** Where the HTTP→HTTPS redirect of an https:// target is tested from. */
  readonly httpUrl?: string;
  /** The config file; absent: shipcheck.yml (.yaml, .json) in the working folder, when there is one. */
  readonly configFile?: string;
  /** Checks to run: families, ids, OWASP categories, CWEs (over the config's `only`). */
  readonly only?: readonly Selector[];
  /** Checks to skip, selected alike (over the config's `skip`). */
  readonly skip?: readonly Selector[];
  readonly preset?: Preset;
  readonly tlsProfile?: TlsProfile;
  /** Overall deadline per target, ms. */
  readonly timeoutMs?: number;
  /** PEM file of extra CAs to trust. */
  readonly caFile?: string;
  /** A CA trusted besides `caFile` (the demo's own), PEM. */
  readonly extraCa?: string;
  /** Sent to each target's origin only, over HTTPS only; the values are secrets. */
  readonly headers: Readonly<Record<string, string>>;
  readonly paths: readonly string[];
  readonly apiPaths: readonly string[];
  readonly rateLimitPaths: readonly string[];
  readonly burst?: number;
  readonly authEndpoints: readonly AuthEndpointSpec[];
  /** The environment variable that holds the auth positive control (`Name: value`). */
  readonly authCredentialsEnv?: string;
  /** An OpenAPI 3.0/3.1 document: its secured operations must refuse anonymous requests (every target, over the config's). */
  readonly openapi?: string;
  /** Methods of the document's operations that may be sent, upper-case (default GET and HEAD). */
  readonly openapiMethods?: readonly string[];
  readonly trustedOrigins: readonly string[];
  /** Targets scanned at once (default 4, at most 32). */
  readonly concurrency?: number;
  /** Connections in flight to one origin at once (default 4). */
  readonly perOrigin?: number;
  /** Requests and handshakes one target may cost at most (default 2,000). */
  readonly maxRequests?: number;
  /** Scan only this deterministic share of the targets: shard `index` (1-based) of `count`. */
  readonly shard?: {readonly index: number; readonly count: number};
  /** A previous JSON report: only failures new since it gate. */
  readonly baselineFile?: string;
  readonly output: OutputRequest;
  readonly github?: GitHubRequest;
  /** shipcheck's version, for the report. */
  readonly version: string;
}
