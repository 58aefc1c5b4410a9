/**
 * Finding the config file, kept apart from config.ts so that a run without a config never loads
 * the YAML parser and the schema library (about 60 ms of start-up).
 */
import {statSync} from 'node:fs';
import {join} from 'node:path';

/** The names `findConfigFile` looks for, in order. */
export const CONFIG_FILES = ['shipcheck.yml', 'shipcheck.yaml', 'shipcheck.json'] as const;

/** The config file in `cwd`, or undefined when there is none. */
export function findConfigFile(cwd: string): string | undefined {
  return CONFIG_FILES.map((name) => join(cwd, name)).find((file) => statSync(file, {throwIfNoEntry: false})?.isFile());
}
