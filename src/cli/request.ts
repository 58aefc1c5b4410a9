/**
 * Flags → ScanRequest: the only place that knows the flag names. Everything is parsed here
 * (headers, families, auth endpoints, the SARIF anchor), so the engine gets typed values only.
 */
import type {Preset} from '../engine/config-schema.js';
import {DEFAULT_SARIF_LOCATION, parseLocation} from '../engine/output.js';
import {parseFamilies} from '../engine/policy.js';
import type {OutputRequest, ScanRequest} from '../engine/request.js';
import {UsageError} from '../core/errors.js';
import {parseAuthPath, parseHeaderFlag} from '../core/target.js';
import type {TlsProfile} from '../core/types.js';
import type {FormatName} from '../formatters/index.js';
import {parseShard} from '../engine/shard.js';
import {parseOpenApiMethods} from '../engine/openapi.js';

/** The parsed values of the output flags `scan`, `demo` and `report` share (a flag not given is undefined). */
export interface OutputFlags {
  format?: string[] | undefined;
  'output-dir'?: string | undefined;
  'sarif-location'?: string | undefined;
  color: boolean;
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
}

/** The invocation of a command of this version, run now. */
export function invocation(version: string): Invocation {
  // @types/node types `isTTY` as boolean, but Node leaves it undefined when stdout is a pipe or a file.
  const stdout: {readonly isTTY?: boolean} = process.stdout;
  return {version, stdoutIsTTY: stdout.isTTY ?? false};
}

/** Where the report goes, from the output flags; `json` makes JSON the default format and silences progress. */
export function outputRequest(flags: OutputFlags & {json?: boolean | undefined; output?: string | undefined}, invocation: Invocation): OutputRequest {
  const json = flags.json ?? false;
  return {
    formats: [...new Set((flags.format ?? [json ? 'json' : 'console']) as FormatName[])],
    ...(flags.output === undefined ? {} : {jsonFile: flags.output}),
    ...(flags['output-dir'] === undefined ? {} : {dir: flags['output-dir']}),
    jsonOnStdout: json,
    sarifLocation: parseLocation(flags['sarif-location'] ?? DEFAULT_SARIF_LOCATION),
    colour: flags.color && !process.env.NO_COLOR && invocation.stdoutIsTTY,
    progress: json ? 'silent' : 'auto',
  };
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
    ...(flags.only === undefined ? {} : {only: parseFamilies(flags.only)}),
    ...(flags.skip === undefined ? {} : {skip: parseFamilies(flags.skip)}),
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
