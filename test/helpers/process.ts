/**
 * A server process for integration tests (frameworks, Apache, HAProxy, lighttpd, Caddy): started in
 * the foreground, waited for with a bounded loop until every port it must open accepts connections
 * on 127.0.0.1, stopped by `close()` (SIGTERM, SIGKILL after a grace period), its folder removed.
 */
import {spawn} from 'node:child_process';
import {rmSync} from 'node:fs';
import {createConnection} from 'node:net';

export interface ServerProcess {
  close(): Promise<void>;
}

export interface LaunchSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Every port the server must listen on before it counts as started. */
  readonly ports: readonly number[];
  /** The whole environment of the child: nothing of the test process leaks in. */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** A temporary folder to remove on close. */
  readonly dir?: string;
}

/** Django imports its whole core on start (~1 s here): 15 s only trips on a real failure. */
const START_DEADLINE_MS = 15_000;
const STOP_GRACE_MS = 3000;
/** The end of a server's output kept for the error message when it fails to start. */
const OUTPUT_TAIL_CHARS = 4000;

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({host: '127.0.0.1', port}, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts the child, waits until each of its ports accepts connections, and returns how to stop it. */
export async function launch({name, command, args, ports, env, cwd, dir}: LaunchSpec): Promise<ServerProcess> {
  let output = '';
  const child = spawn(command, args, {cwd, env: {...env}, stdio: ['ignore', 'pipe', 'pipe']});
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
      if (dir) rmSync(dir, {recursive: true, force: true});
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

/**
 * Servers a test file started, closed together in afterAll: only those that did start, so a failed
 * beforeAll is reported as itself rather than as a TypeError from afterAll. Both are closures (no
 * `this`): `const {track, closeAll} = tracker()` and `afterAll(closeAll)` are fine.
 */
export function tracker(): {track: <T extends {close(): Promise<void>}>(started: Promise<T>) => Promise<T>; closeAll: () => Promise<void>} {
  const running: {close(): Promise<void>}[] = [];
  return {
    track: async (started) => {
      const server = await started;
      running.push(server);
      return server;
    },
    closeAll: async () => {
      await Promise.all(running.splice(0).map((s) => s.close()));
    },
  };
}
