/**
 * Flags → ScanRequest: the only place that knows the flag names. Everything is parsed here
 * (headers, families, auth endpoints, the SARIF anchor), so the engine gets typed values only.
 */
import type {Preset} from '../engine/config-schema.js';
import {DEFAULT_SARIF_LOCATION, parseLocation} from '../engine/output.js';
import {CHECKS} from '../../checks/index.js';
import {parseSelectors, type FailOn} from '../engine/policy.js';
import type {OutputRequest, ScanRequest} from '../engine/request.js';
import {UsageError} from '../core/errors.js';
import {parseAuthPath, parseHeaderFlag} from '../core/target.js';
import type {TlsProfile} from '../core/types.js';
import type {FixMode} from '../formatters/fixes.js';
import type {FormatName} from '../formatters/index.js';
import {colourWanted} from '../formatters/style.js';
import {parseShard} from '../engine/shard.js';
import {parseOpenApiMethods} from '../lib/openapi/methods.js';

/** The parsed values of the output flags `scan`, `demo` and `report` share (a flag not given is undefined). */
export interface OutputFlags {
  format?: string[] | undefined;
  'output-dir'?: string | undefined;
  'sarif-location'?: string | undefined;
  color: boolean;
  fixes?: string | undefined;
}

/** The parsed values of the `scan` flags (and of `demo`, which has all but two of them). */
export interface ScanFlags extends OutputFlags {
  'http-url'?: string | undefined;
  'ca-file'?: string | undefined;
  config?: string | undefined;
  only?: string | undefined;
  skip?: string | undefined;
  preset?: string | undefined;
  'tls-profile'?: string | undefined;
  timeout?: number | undefined;
  concurrency?: number | undefined;
  'per-origin'?: number | undefined;
  'max-requests'?: number | undefined;
  shard?: string | undefined;
  header?: string[] | undefined;
  path?: string[] | undefined;
  'api-path'?: string[] | undefined;
  'rate-limit-path'?: string[] | undefined;
  burst?: number | undefined;
  'auth-path'?: string[] | undefined;
  'auth-credentials-env'?: string | undefined;
  openapi?: string | undefined;
  'openapi-methods'?: string | undefined;
  'trusted-origin'?: string[] | undefined;
  baseline?: string | undefined;
  json: boolean;
  output?: string | undefined;
  'fail-on'?: string | undefined;
}

/** The `--github` flags. */
export interface GitHubFlags {
  github?: boolean | undefined;
  repo?: string | undefined;
  pr?: number | undefined;
  sha?: string | undefined;
  'tracking-issue'?: boolean | undefined;
  'github-key'?: string | undefined;
}

/** What the command knows besides its flags. */
export interface Invocation {
  readonly version: string;
  readonly stdoutIsTTY: boolean;
  /** Absent: not a terminal. */
  readonly stderrIsTTY?: boolean;
  /** Where FORCE_COLOR and NO_COLOR are read; absent: neither is set. */
  readonly env?: NodeJS.ProcessEnv;
  /** The terminal's width when stdout is one. */
  readonly columns?: number;
}

/** The invocation of a command of this version, run now. */
export function invocation(version: string): Invocation {
  // @types/node types `isTTY` as boolean, but Node leaves it undefined when a stream is a pipe or a file.
  const stdout: {readonly isTTY?: boolean} = process.stdout;
  const stderr: {readonly isTTY?: boolean} = process.stderr;
  // A pseudo-terminal can report 0 columns: then it says nothing about its width.
  const {columns} = process.stdout;
  return {
    version,
    stdoutIsTTY: stdout.isTTY ?? false,
    stderrIsTTY: stderr.isTTY ?? false,
    env: process.env,
    ...(stdout.isTTY === true && columns > 0 ? {columns} : {}),
  };
}

/** Columns the console format wraps at: the terminal's, else `COLUMNS`, else 80. */
export function consoleWidth(invocation: Invocation): number {
  if (invocation.columns !== undefined) return invocation.columns;
  const columns = Number(invocation.env?.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : 80;
}

/** Whether to colour stdout: not with --no-color, else as FORCE_COLOR, NO_COLOR and the terminal say (see colourWanted). */
export function stdoutColour(flags: {color: boolean}, invocation: Invocation): boolean {
  return flags.color && colourWanted(invocation.stdoutIsTTY, invocation.env ?? {});
}

/**
 * Where the report goes, from the output flags. `json` makes JSON the default format. `--output`
 * writes the format chosen (`--format html --output r.html`; JSON when none is, or with
 * `--output-dir`, which writes every format itself), and stdout then keeps the console summary (JSON
 * with `json`). A machine format on stdout silences the progress view when stderr is no terminal
 * (always with `json`), so that a script reading both streams gets nothing but the report and errors.
 */
export function outputRequest(flags: OutputFlags & {json?: boolean | undefined; output?: string | undefined}, invocation: Invocation): OutputRequest {
  const json = flags.json ?? false;
  const chosen = [...new Set((flags.format ?? []) as FormatName[])];
  const dir = flags['output-dir'];
  const fileTakesFormat = flags.output !== undefined && dir === undefined && chosen.length > 0;
  if (fileTakesFormat && chosen.length > 1) throw new UsageError('--output writes one format; several --format values need --output-dir');
  const formats: FormatName[] = fileTakesFormat || chosen.length === 0 ? [json ? 'json' : 'console'] : chosen;
  const stdoutFormat = dir === undefined ? formats[0] : json ? 'json' : 'console';
  return {
    formats,
    ...(flags.output === undefined ? {} : {file: {path: flags.output, format: fileTakesFormat ? (chosen[0] ?? 'json') : 'json'}}),
    ...(dir === undefined ? {} : {dir}),
    jsonOnStdout: json,
    sarifLocation: parseLocation(flags['sarif-location'] ?? DEFAULT_SARIF_LOCATION),
    colour: stdoutColour(flags, invocation),
    // oclif has checked --fixes against FIX_MODES.
    console: {width: consoleWidth(invocation), fixes: (flags.fixes ?? 'detected') as FixMode},
    progress: json || (stdoutFormat !== 'console' && invocation.stderrIsTTY !== true) ? 'silent' : 'auto',
  };
}

/** `--fail-on`, which oclif has checked against FAIL_ON; `error` when not given. */
export function failOn(flags: {'fail-on'?: string | undefined}): FailOn {
  return (flags['fail-on'] ?? 'error') as FailOn;
}

/** An environment variable's name, as POSIX shells accept it. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The name given to `--auth-credentials-env`. A value that is no variable name is most often the
 * header itself, pasted in place of the variable that holds it: refused without showing it.
 */
function credentialsEnv(name: string): string {
  if (!VARIABLE_NAME.test(name))
    throw new UsageError(
      "--auth-credentials-env takes the name of an environment variable that holds 'Name: value' (e.g. AUTH_CONTROL), not the header itself",
    );
  return name;
}

/** Throws UsageError (exit 2) for a malformed header, family, auth path or SARIF anchor. */
export function scanRequest(urls: readonly string[], flags: ScanFlags & GitHubFlags, invocation: Invocation): ScanRequest {
  return {
    urls,
    ...(flags['http-url'] === undefined ? {} : {httpUrl: flags['http-url']}),
    ...(flags.config === undefined ? {} : {configFile: flags.config}),
    ...(flags.only === undefined ? {} : {only: parseSelectors(flags.only, CHECKS, '--only')}),
    ...(flags.skip === undefined ? {} : {skip: parseSelectors(flags.skip, CHECKS, '--skip')}),
    // oclif has checked both against their option lists.
    ...(flags.preset === undefined ? {} : {preset: flags.preset as Preset}),
    ...(flags['tls-profile'] === undefined ? {} : {tlsProfile: flags['tls-profile'] as TlsProfile}),
    ...(flags.timeout === undefined ? {} : {timeoutMs: flags.timeout}),
    ...(flags['ca-file'] === undefined ? {} : {caFile: flags['ca-file']}),
    headers: Object.fromEntries((flags.header ?? []).map(parseHeaderFlag)),
    paths: flags.path ?? [],
    apiPaths: flags['api-path'] ?? [],
    rateLimitPaths: flags['rate-limit-path'] ?? [],
    ...(flags.burst === undefined ? {} : {burst: flags.burst}),
    authEndpoints: (flags['auth-path'] ?? []).map(parseAuthPath),
    ...(flags['auth-credentials-env'] === undefined ? {} : {authCredentialsEnv: credentialsEnv(flags['auth-credentials-env'])}),
    ...(flags.openapi === undefined ? {} : {openapi: flags.openapi}),
    ...(flags['openapi-methods'] === undefined ? {} : {openapiMethods: parseOpenApiMethods(flags['openapi-methods'], '--openapi-methods')}),
    trustedOrigins: flags['trusted-origin'] ?? [],
    ...(flags.concurrency === undefined ? {} : {concurrency: flags.concurrency}),
    ...(flags['per-origin'] === undefined ? {} : {perOrigin: flags['per-origin']}),
    ...(flags['max-requests'] === undefined ? {} : {maxRequests: flags['max-requests']}),
    ...(flags.shard === undefined ? {} : {shard: parseShard(flags.shard, '--shard')}),
    ...(flags.baseline === undefined ? {} : {baselineFile: flags.baseline}),
    output: outputRequest(flags, invocation),
    ...(flags.github ? {github: githubRequest(flags)} : {}),
    version: invocation.version,
  };
}

export function githubRequest(flags: GitHubFlags): NonNullable<ScanRequest['github']> {
  return {
    ...(flags.repo === undefined ? {} : {repo: flags.repo}),
    ...(flags.pr === undefined ? {} : {pr: flags.pr}),
    ...(flags.sha === undefined ? {} : {sha: flags.sha}),
    trackingIssue: flags['tracking-issue'] ?? false,
    ...(flags['github-key'] === undefined ? {} : {key: flags['github-key']}),
  };
}
