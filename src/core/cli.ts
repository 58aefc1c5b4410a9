/**
 * What the `scan` and `demo` commands share: their flags, and the path from parsed flags to a
 * report, its rendering and the exit code. Commands stay thin; this holds no check logic.
 */
import {readFile, writeFile} from 'node:fs/promises';
import {Flags} from '@oclif/core';
import {CHECKS} from '../../checks/index.js';
import {formatConsole} from '../formatters/console.js';
import {formatJson} from '../formatters/json.js';
import {ANSI_STYLE, PLAIN_STYLE} from '../formatters/style.js';
import {findConfigFile, loadConfig, type Config} from './config.js';
import {UsageError} from './errors.js';
import {parseFamilies, resolvePolicy} from './policy.js';
import type {Report} from './report.js';
import {DEFAULTS, scan} from './scan.js';
import {makeTarget, parseHeaderFlag, type Target} from './target.js';

export const scanFlags = {
  'http-url': Flags.string({summary: 'Where to test the HTTP→HTTPS redirect from (default: the same host on port 80).'}),
  'ca-file': Flags.string({summary: 'PEM file of extra CA certificates to trust (added to the bundled roots).'}),
  config: Flags.string({char: 'c', summary: 'Config file (default: shipcheck.yml, .yaml or .json in this folder).'}),
  only: Flags.string({summary: 'Run only these check families, comma-separated (e.g. headers,hsts).'}),
  skip: Flags.string({summary: 'Skip these check families, comma-separated.'}),
  preset: Flags.string({summary: 'Check levels and options: recommended (default) or strict.', options: ['recommended', 'strict']}),
  timeout: Flags.integer({summary: `Overall deadline per target in ms (default ${DEFAULTS.timeoutMs}).`, min: 1000, max: 600_000}),
  header: Flags.string({
    char: 'H',
    multiple: true,
    summary: "A request header sent to the target's origin only, e.g. 'Authorization: Bearer …'. Redacted in every output.",
  }),
  path: Flags.string({multiple: true, summary: 'Another page of the same site to judge too (repeatable), e.g. /login.'}),
  json: Flags.boolean({summary: 'Print the JSON report to stdout instead of the summary; no progress view.'}),
  output: Flags.string({char: 'o', summary: 'Also write the JSON report to this file.'}),
  color: Flags.boolean({allowNo: true, default: true, summary: 'Colour the summary (off with --no-color or NO_COLOR).'}),
};

export interface ScanFlags {
  'http-url'?: string;
  'ca-file'?: string;
  config?: string;
  only?: string;
  skip?: string;
  preset?: string;
  timeout?: number;
  header?: string[];
  path?: string[];
  json: boolean;
  output?: string;
  color: boolean;
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

function targetsFrom(urls: readonly string[], config: Config | undefined, flags: ScanFlags): Target[] {
  const headers = Object.fromEntries((flags.header ?? []).map(parseHeaderFlag));
  const fromFlags = {paths: flags.path ?? [], headers};
  if (urls.length > 0) return urls.map((url) => makeTarget({url, ...fromFlags, ...(flags['http-url'] ? {httpUrl: flags['http-url']} : {})}));
  const configured = config?.targets ?? [];
  if (configured.length === 0)
    throw new UsageError('no target: give a URL (shipcheck scan https://staging.example.com) or list targets in the config');
  return configured.map((t) =>
    makeTarget({
      url: t.url,
      ...(t.httpUrl ? {httpUrl: t.httpUrl} : {}),
      paths: [...(t.paths ?? []), ...fromFlags.paths],
      headers: {...t.headers, ...headers},
    }),
  );
}

/** Flags (and config) in, report and exit code out. Throws ShipcheckError for bad input (exit 2). */
export async function runScan(input: {urls: readonly string[]; flags: ScanFlags; version: string; extraCa?: string; stdoutIsTTY: boolean}): Promise<ScanRun> {
  const {flags} = input;
  const configFile = flags.config ?? findConfigFile(process.cwd());
  const config = configFile ? await loadConfig(configFile) : undefined;
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
  // Passing our own CA list replaces Node's store, which is where NODE_EXTRA_CA_CERTS lives: add it back.
  if (ca.length > 0 && process.env.NODE_EXTRA_CA_CERTS) ca.push(await readPem(process.env.NODE_EXTRA_CA_CERTS, 'NODE_EXTRA_CA_CERTS'));
  const timeoutMs = flags.timeout ?? config?.timeout ?? DEFAULTS.timeoutMs;
  const report = await scan({
    targets,
    checks: CHECKS,
    policy,
    timeoutMs,
    requestTimeoutMs: Math.min(config?.requestTimeout ?? DEFAULTS.requestTimeoutMs, timeoutMs),
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    ...(ca.length > 0 ? {ca} : {}),
    progress: flags.json ? 'silent' : 'auto',
    version: input.version,
  });
  if (flags.output) {
    try {
      await writeFile(flags.output, formatJson(report));
    } catch {
      throw new UsageError(`cannot write the report to "${flags.output}"`);
    }
  }
  const colour = flags.color && !process.env.NO_COLOR && input.stdoutIsTTY;
  const stdout = flags.json ? formatJson(report) : formatConsole(report, colour ? ANSI_STYLE : PLAIN_STYLE);
  const exitCode = report.targets.some((t) => t.unreachable) ? 3 : report.passed ? 0 : 1;
  return {report, stdout, exitCode};
}
