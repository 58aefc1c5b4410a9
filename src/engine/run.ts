/**
 * From a ScanRequest (and the config) to a report, its outputs and the exit code: what `scan`,
 * `demo` and the GitHub Action share. Commands stay thin; this holds no check logic and, so that
 * the Action's bundle stays small, no oclif.
 */
import {isAbsolute, relative} from 'node:path';
import {CHECKS} from '../../checks/index.js';
import {readCaFile} from '../core/files.js';
import {loadReport} from './baseline.js';
import {checkOutput, collect, deliver, type TextSink} from './output.js';
import {findConfigFile} from './config-file.js';
import type {Config} from './config.js';
import {UsageError} from '../core/errors.js';
import {resolvePolicy} from './policy.js';
import type {Report} from '../core/report.js';
import {DEFAULTS, scan, scanPlan, type ScanOptions} from './scan.js';
import {selectShard} from './shard.js';
import {makeTarget, parseHeader, type OpenApiPlan, type Target} from '../core/target.js';
import type {ScanRequest} from './request.js';
import {DEFAULT_OPENAPI_METHODS} from '../lib/openapi/methods.js';

export interface ScanRun {
  readonly report: Report;
  /** What was printed on stdout, when the caller gave no sink of its own (empty when it did). */
  readonly stdout: string;
  /** 0 nothing at level error failed, 1 something did, 3 a target could not be reached. */
  readonly exitCode: 0 | 1 | 3;
}

/** The header that grants access for the auth positive control, read from the variable the flag (or else the config) names. */
function authControl(flag: string | undefined, configured: string | undefined): readonly [string, string] | undefined {
  const name = flag ?? configured;
  if (name === undefined) return undefined;
  const from = flag === undefined ? 'authCredentialsEnv in the config' : '--auth-credentials-env';
  const value = process.env[name];
  if (!value) throw new UsageError(`environment variable ${name} (from ${from}, the auth positive control) is not set or empty`);
  return parseHeader(value, `the header in ${name} (from ${from})`);
}

/**
 * The plan of each OpenAPI document the request (or else the config's targets) names, each read
 * once: a bad document stops the run with exit 2 before anything is sent.
 */
async function openApiPlans(request: ScanRequest, config: Config | undefined): Promise<ReadonlyMap<string, OpenApiPlan>> {
  const methods = request.openapiMethods ?? config?.openapiMethods ?? DEFAULT_OPENAPI_METHODS;
  const files = new Map<string, string>();
  if (request.openapi !== undefined) files.set(request.openapi, '--openapi');
  else if (request.urls.length === 0) for (const t of config?.targets ?? []) if (t.openapi !== undefined) files.set(t.openapi, 'openapi document');
  const plans = new Map<string, OpenApiPlan>();
  if (files.size === 0) return plans;
  // Loaded only when a document is named: the YAML parser and the $ref resolver cost start-up time.
  const {openApiPlan} = await import('./openapi.js');
  for (const [file, what] of files) {
    // A config's document is resolved from its folder: shown relative to the working folder when inside it.
    const near = relative(process.cwd(), file);
    const shown = isAbsolute(file) && near !== '' && !near.startsWith('..') && !isAbsolute(near) ? near : file;
    plans.set(file, await openApiPlan(shown, what, methods));
  }
  return plans;
}

function targetsFrom(request: ScanRequest, config: Config | undefined, plans: ReadonlyMap<string, OpenApiPlan>): Target[] {
  const openapi = (file: string | undefined): {openapi?: OpenApiPlan} => {
    const plan = file === undefined ? undefined : plans.get(file);
    return plan ? {openapi: plan} : {};
  };
  const control = authControl(request.authCredentialsEnv, config?.authCredentialsEnv);
  const common = {
    burst: request.burst ?? config?.burst,
    ...(control ? {authControl: control} : {}),
  };
  // The config's top-level list holds for every target, as the flag does.
  const trustedOrigins = [...(config?.trustedOrigins ?? []), ...request.trustedOrigins];
  if (request.urls.length > 0)
    return request.urls.map((url) =>
      makeTarget({
        url,
        paths: request.paths,
        apiPaths: request.apiPaths,
        rateLimitPaths: request.rateLimitPaths,
        authEndpoints: request.authEndpoints,
        ...openapi(request.openapi),
        trustedOrigins,
        headers: request.headers,
        ...common,
        ...(request.httpUrl ? {httpUrl: request.httpUrl} : {}),
      }),
    );
  const configured = config?.targets ?? [];
  if (configured.length === 0)
    throw new UsageError('no target: give a URL (shipcheck scan https://staging.example.com) or list targets in the config');
  return configured.map((t) =>
    makeTarget({
      url: t.url,
      ...(t.httpUrl ? {httpUrl: t.httpUrl} : {}),
      paths: [...t.paths, ...request.paths],
      headers: {...t.headers, ...request.headers},
      apiPaths: [...t.apiPaths, ...request.apiPaths],
      rateLimitPaths: [...t.rateLimitPaths, ...request.rateLimitPaths],
      authEndpoints: [...t.authEndpoints, ...request.authEndpoints],
      ...openapi(request.openapi ?? t.openapi),
      trustedOrigins: [...(t.trustedOrigins ?? []), ...trustedOrigins],
      ...(t.source ? {source: t.source} : {}),
      ...common,
    }),
  );
}

/** The request and the config resolved into the options of a scan. Throws ShipcheckError for bad input (exit 2). */
async function prepare(request: ScanRequest): Promise<ScanOptions> {
  const configFile = request.configFile ?? findConfigFile(process.cwd());
  // Loaded only when there is a config: the YAML parser and zod cost start-up time.
  const config = configFile ? await (await import('./config.js')).loadConfig(configFile) : undefined;
  const plans = await openApiPlans(request, config);
  const targets = selectShard(targetsFrom(request, config, plans), request.shard, (line) => process.stderr.write(`shipcheck: ${line}\n`));
  const policy = resolvePolicy(config, CHECKS, {
    ...(request.only ? {only: request.only} : {}),
    ...(request.skip ? {skip: request.skip} : {}),
    ...(request.preset ? {preset: request.preset} : {}),
  });
  const caFile = request.caFile ?? config?.caFile;
  const ca: string[] = [];
  if (caFile) ca.push(await readCaFile(caFile, '--ca-file'));
  if (request.extraCa) ca.push(request.extraCa);
  // tls.rootCertificates lacks NODE_EXTRA_CA_CERTS, and our own CA list replaces Node's store: add it.
  if (process.env.NODE_EXTRA_CA_CERTS) ca.push(await readCaFile(process.env.NODE_EXTRA_CA_CERTS, 'NODE_EXTRA_CA_CERTS'));
  const timeoutMs = request.timeoutMs ?? config?.timeout ?? DEFAULTS.timeoutMs;
  return {
    targets,
    checks: CHECKS,
    policy,
    timeoutMs,
    requestTimeoutMs: Math.min(config?.requestTimeout ?? DEFAULTS.requestTimeoutMs, timeoutMs),
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    ...(ca.length > 0 ? {ca} : {}),
    progress: request.output.progress,
    version: request.version,
    tlsProfile: request.tlsProfile ?? config?.tlsProfile ?? 'intermediate',
    waivers: config?.waivers ?? [],
    concurrency: request.concurrency ?? config?.concurrency ?? DEFAULTS.concurrency,
    perOrigin: request.perOrigin ?? DEFAULTS.perOrigin,
    maxRequests: request.maxRequests ?? DEFAULTS.maxRequests,
    ...(request.baselineFile ? {baseline: {file: request.baselineFile, report: await loadReport(request.baselineFile)}} : {}),
  };
}

/** `--dry-run`: the requests each target would get, and nothing sent. */
export async function planOnly(request: ScanRequest): Promise<string> {
  const options = await prepare(request);
  return `${scanPlan(options)
    .map(({target, probes}, i) =>
      [
        target,
        // scanPlan keeps the order of the targets: what one will not get is said before its requests.
        ...(options.targets[i]?.notices ?? []).map((notice) => `  Note: ${notice}`),
        ...probes.flatMap((p) => [`  ${p.title}:`, ...p.requests.map((r) => `    ${r}`)]),
      ].join('\n'),
    )
    .join('\n\n')}\n`;
}

/**
 * The request in; the report, what to print and the exit code out. Bad input throws ShipcheckError
 * (exit 2) before anything is sent; with `github`, where to post is resolved first too, and the
 * report is posted after the outputs are written (posting never changes the exit code).
 */
export async function runScan(request: ScanRequest, control: {readonly signal?: AbortSignal; readonly stdout?: TextSink} = {}): Promise<ScanRun> {
  checkOutput(request.output);
  // Loaded only with --github: Octokit costs start-up time every other run would pay.
  const post = request.github ? await (await import('../github/from-request.js')).prepareGitHub(request.github) : undefined;
  // With `control.signal` (the user's interruption) the scan stops early and the partial report still goes to every output.
  const scanned = await scan({...(await prepare(request)), ...(control.signal ? {signal: control.signal} : {})});
  const report: Report = request.shard ? {...scanned, shard: {index: request.shard.index, count: request.shard.count}} : scanned;
  const kept = collect();
  await deliver(report, request.output, control.stdout ?? kept.sink);
  if (post) await post(report);
  const exitCode = report.targets.some((t) => t.unreachable) ? 3 : report.passed ? 0 : 1;
  return {report, stdout: kept.text(), exitCode};
}
