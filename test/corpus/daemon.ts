/**
 * The corpus's servers (Apache, HAProxy, lighttpd, Caddy, Django, Flask): each started in the
 * foreground from a config in its own temporary folder (test/helpers/process.ts does the starting
 * and stopping); the folder is removed on close.
 */
import {chmodSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {launch, type ServerProcess} from '../helpers/process.js';

export type Daemon = ServerProcess;

/**
 * A fresh folder for one server's config, pid and logs. Apache and lighttpd serve files as www-data
 * after dropping root, so the folder is world-readable (it holds nothing secret: the keys stay where
 * the test CA made them, read by the server while it is still root).
 */
export function serverDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `shipcheck-corpus-${name}-`));
  chmodSync(dir, 0o755);
  return dir;
}

/** Fills `{{NAME}}` placeholders; a placeholder without a value is a mistake in the corpus, not a blank. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`no value for {{${key}}}`);
    return String(value);
  });
}

/** Writes `files` (relative name → content) into `dir`, folders created, readable by the server's unprivileged user. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), {recursive: true, mode: 0o755});
    writeFileSync(join(dir, name), content, {mode: 0o644});
  }
}

export interface DaemonSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Every port the server must listen on before it counts as started. */
  readonly ports: readonly number[];
  readonly dir: string;
  /** The environment besides PATH: nothing else of the test process leaks in. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts a server from its folder (removed on close) with only PATH and `env` in its environment. */
export function startDaemon({name, command, args, ports, dir, env = {}}: DaemonSpec): Promise<Daemon> {
  return launch({name, command, args, ports, dir, cwd: dir, env: {PATH: process.env.PATH ?? '', ...env}});
}
