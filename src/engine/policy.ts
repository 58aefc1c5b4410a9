/**
 * The user's policy: each check's level and options, from the preset, then the config's `checks`,
 * then the checks selected by `only`/`skip` (flags over config).
 */
import type {Config} from './config.js';
import type {Preset} from './config-schema.js';
import {didYouMean, UsageError} from '../core/errors.js';
import {isWarning, type Report} from '../core/report.js';
import {FAMILIES, OWASP_TOP10, type AnyCheck, type CheckMeta, type Level, type OwaspId, type Severity} from '../core/types.js';

export interface CheckPolicy {
  readonly level: Level;
  readonly options: object;
}

/** What command-line flags override in the config. */
export interface PolicyOverrides {
  readonly only?: readonly Selector[];
  readonly skip?: readonly Selector[];
  readonly preset?: Preset;
}

/** `recommended` gates the run on what can hurt (medium and up) and reports the rest. */
const RECOMMENDED_LEVEL: Readonly<Record<Severity, Level>> = {
  critical: 'error',
  high: 'error',
  medium: 'error',
  low: 'warn',
  info: 'warn',
};

/** Level and options of every check, by id, in registry order. */
export function resolvePolicy(config: Config | undefined, checks: readonly AnyCheck[], overrides: PolicyOverrides = {}): Map<string, CheckPolicy> {
  const preset = overrides.preset ?? config?.preset ?? 'recommended';
  const only = overrides.only ?? config?.only;
  const skip = overrides.skip ?? config?.skip;
  return new Map(
    checks.map((check): [string, CheckPolicy] => {
      const {id, severity} = check.meta;
      const setting = config?.checks[id];
      // AnyCheck erases the options type to `any`; a check's options are an object (`Check<A, O extends object>`).
      const defaults = check.defaultOptions as object;
      const presetOptions = preset === 'strict' ? {...defaults, ...(check.strictOptions as object | undefined)} : defaults;
      const selected = (only === undefined || only.some((s) => selects(s, check.meta))) && !skip?.some((s) => selects(s, check.meta));
      const level = !selected ? 'off' : (setting?.level ?? defaultLevel(severity, preset));
      return [id, {level, options: {...presetOptions, ...setting?.options}}];
    }),
  );
}

/** The level a check runs at when the config does not set one: what gates (`error`) and what only warns. */
export function defaultLevel(severity: Severity, preset: Preset = 'recommended'): Level {
  return preset === 'strict' ? 'error' : RECOMMENDED_LEVEL[severity];
}

/**
 * What `--only`/`--skip` and the config's `only`/`skip` name, normalized: a family (`headers`), a
 * check id (`csp`), an OWASP Top 10 (2021) category (`owasp:A05:2021`) or a CWE (`cwe:319`).
 */
export type Selector = string;

/** Whether a selector names this check. A name that is both a family and a check id (`hsts`) names both. */
export function selects(selector: Selector, meta: Pick<CheckMeta, 'id' | 'family' | 'cwe' | 'owasp'>): boolean {
  if (selector.startsWith('owasp:')) return (meta.owasp as readonly string[]).includes(selector.slice('owasp:'.length));
  if (selector.startsWith('cwe:')) return meta.cwe.includes(Number(selector.slice('cwe:'.length)));
  return selector === meta.family || selector === meta.id;
}

const SELECTOR_FORMS = 'a family, a check id, owasp:A01 to owasp:A10 or cwe:N; `shipcheck checks` lists them';

/**
 * One selector as typed (`headers`, `csp`, `owasp:a05`, `OWASP:A05:2021`, `cwe:319`, `CWE-319`),
 * normalized; or why it selects no check of `checks`, in words.
 */
export function readSelector(text: string, checks: readonly AnyCheck[]): {selector: Selector} | {problem: string} {
  const name = text.trim();
  const owasp = /^owasp:(a\d{2})(?::2021)?$/i.exec(name);
  if (owasp) {
    const id = `${(owasp[1] ?? '').toUpperCase()}:2021`;
    if (!(id in OWASP_TOP10)) return {problem: `"${name}" is no OWASP Top 10 (2021) category; they are owasp:A01 to owasp:A10`};
    const covered = [...new Set(checks.flatMap((c) => c.meta.owasp))].sort();
    if (!covered.includes(id as OwaspId))
      return {
        problem: `"${name}" (${OWASP_TOP10[id as OwaspId]}) selects no check; the checks cover ${covered.map((o) => `owasp:${o.slice(0, 3)}`).join(', ')}`,
      };
    return {selector: `owasp:${id}`};
  }
  const cwe = /^cwe[:-](\d{1,5})$/i.exec(name);
  if (cwe) {
    const n = Number(cwe[1]);
    const covered = [...new Set(checks.flatMap((c) => c.meta.cwe))].sort((a, b) => a - b);
    if (!covered.includes(n)) return {problem: `"${name}" selects no check; the checks cover ${covered.map((c) => `cwe:${c}`).join(', ')}`};
    return {selector: `cwe:${n}`};
  }
  const names = [...new Set([...FAMILIES, ...checks.map((c) => c.meta.id)])];
  if (!names.includes(name)) return {problem: `unknown check selector "${name}"${didYouMean(name, names)} (${SELECTOR_FORMS})`};
  return {selector: name};
}

/** The value of `--only`/`--skip` (named `flag` in messages): comma-separated selectors (see readSelector), each once. */
export function parseSelectors(list: string, checks: readonly AnyCheck[], flag: string): Selector[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new UsageError(`${flag}: no check selector given (${SELECTOR_FORMS})`);
  const selectors = names.map((name) => {
    const read = readSelector(name, checks);
    if ('problem' in read) throw new UsageError(`${flag}: ${read.problem}`);
    return read.selector;
  });
  return [...new Set(selectors)];
}

/** What fails the run (the CLI's --fail-on, the Action's fail-on): gating results (the default), warnings too, or nothing. */
export const FAIL_ON = ['error', 'warn', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * A run's exit code under `failOn`: `never` reports without failing (0 whatever was found),
 * `warn` also fails (1) a run whose only findings are warnings, `error` keeps the code.
 */
export function failOnExit(exitCode: 0 | 1 | 3, report: Pick<Report, 'targets'>, failOn: FailOn): 0 | 1 | 3 {
  if (failOn === 'never') return 0;
  if (failOn === 'warn' && exitCode === 0 && report.targets.some((t) => t.results.some(isWarning))) return 1;
  return exitCode;
}
