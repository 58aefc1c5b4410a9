/**
 * From parsed flags (and the config) to a report, its rendering and the exit code: what `scan`,
 * `demo` and the GitHub Action share. Commands stay thin; this holds no check logic and, so that
 * the Action's bundle stays small, no oclif.
 */
import {readFile, writeFile} from 'node:fs/promises';
import {CHECKS} from '../../checks/index.js';
import {formatJson} from '../formatters/json.js';
import type {FormatName} from '../formatters/index.js';
import {loadReport} from './baseline.js';
import {checkFormats, DEFAULT_SARIF_LOCATION, parseLocation, render, writeFormats} from './output.js';
import {findConfigFile} from './config-file.js';
import type {Config} from './config.js';
import {UsageError} from '../core/errors.js';
import {parseFamilies, resolvePolicy} from './policy.js';
import type {Report} from '../core/report.js';
import {DEFAULTS, scan, scanPlan, type ScanOptions} from './scan.js';
import {makeTarget, parseAuthPath, parseHeaderFlag, type Target} from '../core/target.js';
import type {TlsProfile} from '../core/types.js';


export interface ScanFlags {
  'http-url'?: string;
  'ca-file'?: string;
  config?: string;
  only?: string;
  skip?: string;
  preset?: string;
  'tls-profile'?: string;
  timeout?: number;
  header?: string[];
  path?: string[];
  'api-path'?: string[];
  'rate-limit-path'?: string[];
  burst?: number;
  'auth-path'?: string[];
  'auth-credentials-env'?: string;
  'trusted-origin'?: string[];
  'dry-run'?: boolean;
  baseline?: string;
  json: boolean;
  output?: string;
  color: boolean;
  format?: string[];
  'output-dir'?: string;
  'sarif-location'?: string;
}

export interface ScanRun {
  readonly report: Report;
  /** What to print on stdout. */
  readonly stdout: string;
  /** 0 nothing at level error failed, 1 something did, 3 a target could not be reached. */
  readonly exitCode: 0 | 1 | 3;
}

async function readPem(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${what} "${file}"`);
  }
}

/** The header that grants access for the auth positive control, read from the named variable. */
function authControl(name: string | undefined): readonly [string, string] | undefined {
  if (name === undefined) return undefined;
  const value = process.env[name];
  if (!value) throw new UsageError(`environment variable ${name} (the auth positive control) is not set or empty`);
  return parseHeaderFlag(value);
}

function targetsFrom(urls: readonly string[], config: Config | undefined, flags: ScanFlags): Target[] {
  const headers = Object.fromEntries((flags.header ?? []).map(parseHeaderFlag));
  const control = authControl(flags['auth-credentials-env'] ?? config?.authCredentialsEnv);
  const common = {
    burst: flags.burst ?? config?.burst,
    ...(control ? {authControl: control} : {}),
  };
  const fromFlags = {
    paths: flags.path ?? [],
    apiPaths: flags['api-path'] ?? [],
    rateLimitPaths: flags['rate-limit-path'] ?? [],
    authEndpoints: (flags['auth-path'] ?? []).map(parseAuthPath),
    // The config's top-level list holds for every target, as the flag does.
    trustedOrigins: [...(config?.trustedOrigins ?? []), ...(flags['trusted-origin'] ?? [])],
  };
  if (urls.length > 0)
    return urls.map((url) => makeTarget({url, ...fromFlags, headers, ...common, ...(flags['http-url'] ? {httpUrl: flags['http-url']} : {})}));
  const configured = config?.targets ?? [];
  if (configured.length === 0)
    throw new UsageError('no target: give a URL (shipcheck scan https://staging.example.com) or list targets in the config');
  return configured.map((t) =>
    makeTarget({
      url: t.url,
      ...(t.httpUrl ? {httpUrl: t.httpUrl} : {}),
      paths: [...t.paths, ...fromFlags.paths],
      headers: {...t.headers, ...headers},
      apiPaths: [...t.apiPaths, ...fromFlags.apiPaths],
      rateLimitPaths: [...t.rateLimitPaths, ...fromFlags.rateLimitPaths],
      authEndpoints: [...t.authEndpoints, ...fromFlags.authEndpoints],
      trustedOrigins: [...(t.trustedOrigins ?? []), ...fromFlags.trustedOrigins],
      ...(t.source ? {source: t.source} : {}),
      ...common,
    }),
  );
}

export interface ScanInput {
  readonly urls: readonly string[];
  readonly flags: ScanFlags;
  readonly version: string;
  /** A CA the caller trusts besides --ca-file (the demo's own). */
  readonly extraCa?: string;
  readonly stdoutIsTTY: boolean;
}

/** Flags and config resolved into the options of a scan. Throws ShipcheckError for bad input (exit 2). */
async function prepare(input: ScanInput): Promise<ScanOptions> {
  const {flags} = input;
  const configFile = flags.config ?? findConfigFile(process.cwd());
  // Loaded only when there is a config: the YAML parser and zod cost start-up time.
  const config = configFile ? await (await import('./config.js')).loadConfig(configFile) : undefined;
  const targets = targetsFrom(input.urls, config, flags);
  const policy = resolvePolicy(config, CHECKS, {
    ...(flags.only ? {only: parseFamilies(flags.only)} : {}),
    ...(flags.skip ? {skip: parseFamilies(flags.skip)} : {}),
    ...(flags.preset ? {preset: flags.preset as 'recommended' | 'strict'} : {}),
  });
  const caFile = flags['ca-file'] ?? config?.caFile;
  const ca: string[] = [];
  if (caFile) ca.push(await readPem(caFile, '--ca-file'));
  if (input.extraCa) ca.push(input.extraCa);
  // tls.rootCertificates lacks NODE_EXTRA_CA_CERTS, and our own CA list replaces Node's store: add it.
  if (process.env.NODE_EXTRA_CA_CERTS) ca.push(await readPem(process.env.NODE_EXTRA_CA_CERTS, 'NODE_EXTRA_CA_CERTS'));
  const timeoutMs = flags.timeout ?? config?.timeout ?? DEFAULTS.timeoutMs;
  return {
    targets,
    checks: CHECKS,
    policy,
    timeoutMs,
    requestTimeoutMs: Math.min(config?.requestTimeout ?? DEFAULTS.requestTimeoutMs, timeoutMs),
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    ...(ca.length > 0 ? {ca} : {}),
    progress: flags.json ? 'silent' : 'auto',
    version: input.version,
    tlsProfile: (flags['tls-profile'] as TlsProfile | undefined) ?? config?.tlsProfile ?? 'intermediate',
    waivers: config?.waivers ?? [],
    ...(flags.baseline ? {baseline: {file: flags.baseline, report: await loadReport(flags.baseline)}} : {}),
  };
}

/** `--dry-run`: the requests each target would get, and nothing sent. */
export async function planOnly(input: ScanInput): Promise<string> {
  const options = await prepare(input);
  return `${scanPlan(options)
    .map(({target, probes}) => [target, ...probes.flatMap((p) => [`  ${p.title}:`, ...p.requests.map((r) => `    ${r}`)])].join('\n'))
    .join('\n\n')}\n`;
}

/** Flags (and config) in, report and exit code out. Throws ShipcheckError for bad input (exit 2). */
export async function runScan(input: ScanInput): Promise<ScanRun> {
  const {flags} = input;
  const formats = [...new Set((flags.format ?? [flags.json ? 'json' : 'console']) as FormatName[])];
  const outputDir = flags['output-dir'];
  checkFormats(formats, outputDir);
  const defaultLocation = parseLocation(flags['sarif-location'] ?? DEFAULT_SARIF_LOCATION);
  const report = await scan(await prepare(input));
  if (flags.output) {
    try {
      await writeFile(flags.output, formatJson(report));
    } catch {
      throw new UsageError(`cannot write the report to "${flags.output}"`);
    }
  }
  const colour = flags.color && !process.env.NO_COLOR && input.stdoutIsTTY;
  if (outputDir !== undefined) await writeFormats(report, formats, outputDir, defaultLocation);
  // With a folder for the files, stdout keeps the summary (or the JSON with --json).
  const stdout = render(report, outputDir === undefined ? formats[0]! : flags.json ? 'json' : 'console', {colour, defaultLocation});
  const exitCode = report.targets.some((t) => t.unreachable) ? 3 : report.passed ? 0 : 1;
  return {report, stdout, exitCode};
}
