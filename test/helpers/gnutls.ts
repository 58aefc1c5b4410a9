/**
 * `gnutls-serv` (Debian gnutls-bin) on loopback, for suites Debian's OpenSSL cannot serve (3DES,
 * RC4). gnutls-serv has no bind-address option and listens on every interface, so it runs inside a
 * private network namespace that has only `lo` (`unshare -n`); socat in the same namespace exposes
 * it on a unix socket, and a bridge in this process forwards one 127.0.0.1 port to that socket.
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface GnutlsOptions {
  readonly certFile: string;
  readonly keyFile: string;
  /** A GnuTLS priority string, e.g. 'NONE:+VERS-TLS1.2:+AES-128-GCM:…'. */
  readonly priority: string;
}

export interface GnutlsServer {
  /** e.g. `https://127.0.0.1:40123/` (the bridge's port). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The port inside the namespace: nothing else lives there, so a fixed one cannot collide. */
const INNER_PORT = 4433;
const START_DEADLINE_MS = 10_000;
const STOP_DEADLINE_MS = 3000;

/**
 * Starts gnutls-serv in its own network namespace and bridges a free loopback port to it.
 * Throws (with the server's output) when it does not come up within 10 s.
 */
export async function startGnutls(options: GnutlsOptions): Promise<GnutlsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'shipcheck-gnutls-'));
  const socketPath = join(dir, 'gnutls.sock');
  // Arguments travel as "$1"… so no path or priority string is ever parsed by the shell.
  // On SIGTERM the shell stops both servers and reaps them, so no zombie outlives the test.
  const script = [
    'ip link set lo up || exit 90',
    'gnutls-serv --port "$1" --x509certfile "$2" --x509keyfile "$3" --priority "$4" & g=$!',
    'socat "UNIX-LISTEN:$5,fork" "TCP4:127.0.0.1:$1" & s=$!',
    "trap 'kill $g $s 2>/dev/null; wait; exit 0' TERM",
    'wait',
  ].join('\n');
  // detached: the shell leads its own process group, so a shell that ignores SIGTERM can still be
  // stopped with everything it started.
  const child = spawn(
    'unshare',
    ['-n', 'sh', '-c', script, 'sh', String(INNER_PORT), options.certFile, options.keyFile, options.priority, socketPath],
    {detached: true, stdio: ['ignore', 'pipe', 'pipe']},
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stopGroup = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const pid = child.pid;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    }, STOP_DEADLINE_MS);
    await exited;
    clearTimeout(timer);
  };

  const end = Date.now() + START_DEADLINE_MS;
  while (!(output.includes('listening on IPv4') && existsSync(socketPath))) {
    if (child.exitCode !== null || Date.now() > end) {
      await stopGroup();
      rmSync(dir, {recursive: true, force: true});
      throw new Error(`gnutls-serv did not start within ${START_DEADLINE_MS} ms (exit ${child.exitCode}): ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const bridge = net.createServer((client) => {
    const upstream = net.connect(socketPath);
    track(client);
    track(upstream);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    bridge.once('error', reject);
    bridge.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (bridge.address() as net.AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `https://127.0.0.1:${port}/`,
    port,
    close() {
      closing ??= (async () => {
        const bridgeClosed = new Promise<void>((resolve) => bridge.close(() => resolve()));
        for (const s of sockets) s.destroy();
        await bridgeClosed;
        await stopGroup();
        rmSync(dir, {recursive: true, force: true});
      })();
      return closing;
    },
  };
}
