/**
 * A server process for the corpus (Apache, HAProxy, lighttpd, Caddy, Django, Flask): started in the
 * foreground from a config in its own temporary folder, waited for until every port it must open
 * accepts connections, stopped by `close()` (SIGTERM, SIGKILL after a grace period), folder removed.
 */
import {spawn} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createConnection} from 'node:net';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';

export interface Daemon {
  close(): Promise<void>;
}

/** Django imports its whole core on start (~1 s here): 15 s only trips on a real failure. */
const START_DEADLINE_MS = 15_000;
const STOP_GRACE_MS = 3000;
/** The end of a server's output kept for the error message when it fails to start. */
const OUTPUT_TAIL_CHARS = 4000;

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

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({host: '127.0.0.1', port}, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
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

export async function startDaemon({name, command, args, ports, dir, env = {}}: DaemonSpec): Promise<Daemon> {
  let output = '';
  const child = spawn(command, args, {cwd: dir, env: {PATH: process.env.PATH ?? '', ...env}, stdio: ['ignore', 'pipe', 'pipe']});
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const running = (): boolean => child.exitCode === null && child.signalCode === null && spawnError === undefined;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      if (running()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, {recursive: true, force: true});
    })());

  const end = Date.now() + START_DEADLINE_MS;
  const waiting = new Set(ports);
  while (waiting.size > 0) {
    if (!running()) {
      await close();
      throw new Error(`${name} did not start (${spawnError?.message ?? `exit ${child.exitCode ?? child.signalCode}`}): ${output}`);
    }
    for (const port of [...waiting]) if (await portOpen(port)) waiting.delete(port);
    if (waiting.size === 0) break;
    if (Date.now() > end) {
      await close();
      throw new Error(`${name} did not listen on 127.0.0.1:${[...waiting].join(', ')} within ${START_DEADLINE_MS} ms: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {close};
}
