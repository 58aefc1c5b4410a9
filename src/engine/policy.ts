/**
 * The user's policy: each check's level and options, from the preset, then the config's `checks`,
 * then the families selected by `only`/`skip` (flags over config).
 */
import type {Config} from './config.js';
import type {Preset} from './config-schema.js';
import {UsageError} from '../core/errors.js';
import {FAMILIES, type AnyCheck, type Family, type Level, type Severity} from '../core/types.js';

export interface CheckPolicy {
  readonly level: Level;
  readonly options: object;
}

/** What command-line flags override in the config. */
export interface PolicyOverrides {
  readonly only?: readonly Family[];
  readonly skip?: readonly Family[];
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
      const {id, family, severity} = check.meta;
      const setting = config?.checks[id];
      // AnyCheck erases the options type to `any`; a check's options are an object (`Check<A, O extends object>`).
      const defaults = check.defaultOptions as object;
      const presetOptions = preset === 'strict' ? {...defaults, ...(check.strictOptions as object | undefined)} : defaults;
      const selected = (only === undefined || only.includes(family)) && !skip?.includes(family);
      const level = !selected ? 'off' : (setting?.level ?? (preset === 'strict' ? 'error' : RECOMMENDED_LEVEL[severity]));
      return [id, {level, options: {...presetOptions, ...setting?.options}}];
    }),
  );
}

/** The value of `--only`/`--skip`: comma-separated family names. */
export function parseFamilies(list: string): Family[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.find((name) => !(FAMILIES as readonly string[]).includes(name));
  if (unknown !== undefined || names.length === 0) {
    const problem = unknown === undefined ? 'no check family given' : `unknown check family "${unknown}"`;
    throw new UsageError(`${problem}; families are ${FAMILIES.join(', ')}`);
  }
  return [...new Set(names as Family[])];
}
