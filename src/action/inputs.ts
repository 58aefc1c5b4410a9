/**
 * The Action's inputs (action.yml), read from the `INPUT_*` variables the runner sets: the name
 * upper-cased, spaces turned into underscores, hyphens kept (`fail-on` → `INPUT_FAIL-ON`).
 */
import {UsageError} from '../core/errors.js';
import {MAX_PATHS} from '../core/target.js';
import {TLS_PROFILES, type TlsProfile} from '../core/types.js';
import {FAIL_ON, type FailOn} from '../engine/policy.js';
import {parseShard, type Shard} from '../engine/shard.js';
import {parseOpenApiMethods} from '../lib/openapi/methods.js';

/** `scan` the targets (the default), or `merge` the JSON reports of the shards of a matrix. */
export const MODES = ['scan', 'merge'] as const;
export type Mode = (typeof MODES)[number];

export interface ActionInputs {
  readonly mode: Mode;
  /** Empty: the targets come from the config. */
  readonly url?: string;
  readonly config?: string;
  readonly failOn: FailOn;
  readonly comment: boolean;
  readonly status: boolean;
  readonly summary: boolean;
  readonly sarifFile: string;
  readonly reportFile: string;
  readonly trackingIssue: boolean;
  /** Secret. Empty when the workflow passed none: nothing is posted then. */
  readonly token: string;
  /** Names this report's comment, issue and status context (see PostOptions.key). */
  readonly key?: string;
  readonly paths: readonly string[];
  /** `Name: value` lines; the values are secrets. */
  readonly headers: readonly string[];
  readonly tlsProfile?: TlsProfile;
  /** Origins the CORS allow-list means to admit; absent when none was given. */
  readonly trustedOrigins?: readonly string[];
  /** Scan mode: only this share of the targets (`2/3`). */
  readonly shard?: Shard;
  /** An OpenAPI 3.0/3.1 document whose secured operations must refuse anonymous requests. */
  readonly openapi?: string;
  /** Methods of its operations that may be sent (default GET and HEAD). */
  readonly openapiMethods?: readonly string[];
  /** Merge mode: the shards' JSON reports, each a file, a folder (its *.json files) or a `*` pattern. */
  readonly reports: readonly string[];
}

export function getInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** The YAML 1.2 core schema's booleans, as actions/toolkit's getBooleanInput accepts them. */
function booleanInput(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = getInput(env, name);
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UsageError(`input ${name} is "${value}"; use true or false`);
}

/** One item per line; `commas` also splits lines at commas (paths and origins have none, header values may). */
function listInput(env: NodeJS.ProcessEnv, name: string, commas: boolean): string[] {
  return getInput(env, name)
    .split(commas ? /[\n,]/ : /\n/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The input's value, which must be one of `allowed`; undefined when it is empty. */
function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[]): T | undefined {
  const value = getInput(env, name);
  if (value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`input ${name} is "${value}"; use one of ${allowed.join(', ')}`);
  return value as T;
}

/** The `paths` input, held to the cap makeTarget holds `--path` to, with a message that names the input. */
function pathsInput(env: NodeJS.ProcessEnv): string[] {
  const paths = listInput(env, 'paths', true);
  const distinct = new Set(paths).size;
  if (distinct > MAX_PATHS) throw new UsageError(`input paths lists ${distinct} paths; at most ${MAX_PATHS} per target`);
  return paths;
}

/** Throws UsageError (exit 2) for a value the input does not take. */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const optional = (name: string): string | undefined => getInput(env, name) || undefined;
  const url = optional('url');
  const config = optional('config');
  const key = optional('key');
  const tlsProfile = oneOf(env, 'tls-profile', TLS_PROFILES);
  const trustedOrigins = listInput(env, 'trusted-origins', true);
  const mode = oneOf(env, 'mode', MODES) ?? 'scan';
  const shard = optional('shard');
  const openapi = optional('openapi');
  const openapiMethods = optional('openapi-methods');
  const reports = listInput(env, 'reports', false);
  // A mode's inputs given to the other would be ignored without a word: a matrix that merges
  // nothing, or a merge job that scans.
  if (mode === 'merge' && reports.length === 0)
    throw new UsageError('input reports is empty: merge mode needs the JSON reports of the shards, one path, folder or *.json pattern per line');
  if (mode === 'merge' && (url || shard)) throw new UsageError(`input ${url ? 'url' : 'shard'} is for mode scan; mode merge reads the input reports`);
  if (mode === 'scan' && reports.length > 0) throw new UsageError('input reports is read in mode merge only; add mode: merge to merge shard reports');
  return {
    mode,
    ...(url ? {url} : {}),
    ...(config ? {config} : {}),
    failOn: oneOf(env, 'fail-on', FAIL_ON) ?? 'error',
    comment: booleanInput(env, 'comment', true),
    status: booleanInput(env, 'status', true),
    summary: booleanInput(env, 'summary', true),
    sarifFile: optional('sarif-file') ?? 'shipcheck.sarif',
    reportFile: optional('report-file') ?? 'shipcheck-report.json',
    trackingIssue: booleanInput(env, 'tracking-issue', false),
    token: getInput(env, 'token'),
    ...(key ? {key} : {}),
    paths: pathsInput(env),
    headers: listInput(env, 'headers', false),
    ...(tlsProfile ? {tlsProfile} : {}),
    ...(trustedOrigins.length > 0 ? {trustedOrigins} : {}),
    ...(shard ? {shard: parseShard(shard, `input shard ("${shard}")`)} : {}),
    ...(openapi ? {openapi} : {}),
    ...(openapiMethods ? {openapiMethods: parseOpenApiMethods(openapiMethods, 'input openapi-methods')} : {}),
    reports,
  };
}
