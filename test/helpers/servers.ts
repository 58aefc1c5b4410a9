/**
 * Loopback servers for integration tests: http, https, http2 and raw TCP (optionally TLS), each on
 * 127.0.0.1 port 0. They record the requests they receive, and `close()` ends every socket so jest
 * exits cleanly. Every accepted socket also gets an idle timeout, so a forgotten one cannot hang a run.
 */
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import {readFileSync} from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';

export const HOST = '127.0.0.1';
/** A server socket idle this long is destroyed: far above any client timeout used in the tests. */
const SERVER_IDLE_MS = 15_000;

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  /** Names lower-cased, as Node parses them. */
  readonly headers: http.IncomingHttpHeaders;
  readonly rawHeaders: readonly string[];
  readonly httpVersion: string;
}

export interface TestServer {
  /** e.g. `https://127.0.0.1:40123` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Requests received, in arrival order (http/https/http2 servers; raw servers record nothing). */
  readonly requests: RecordedRequest[];
  /** Raw TCP connections accepted. */
  connections: number;
  close(): Promise<void>;
}

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
type H2Handler = (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void;

function record(requests: RecordedRequest[], req: http.IncomingMessage | http2.Http2ServerRequest): void {
  requests.push({
    method: req.method ?? '',
    url: req.url ?? '',
    headers: {...req.headers},
    rawHeaders: [...req.rawHeaders],
    httpVersion: req.httpVersion,
  });
}

/** Listens on 127.0.0.1:0, tracks sockets, and builds the TestServer record. */
async function listen(server: net.Server, scheme: string, requests: RecordedRequest[], extraClose?: () => void): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const result = {connections: 0};
  server.on('connection', (socket: net.Socket) => {
    result.connections++;
    sockets.add(socket);
    socket.setTimeout(SERVER_IDLE_MS, () => socket.destroy());
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that drops its TLS handshake half-way must not crash the test process. (No
  // 'clientError' listener: Node's default answers garbage with a real `400 Bad Request`.)
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as net.AddressInfo).port;
  let closing: Promise<void> | undefined;
  return Object.assign(result, {
    url: `${scheme}://${HOST}:${port}`,
    port,
    requests,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        extraClose?.();
        server.close(() => resolve());
        (server as Partial<http.Server>).closeAllConnections?.();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  });
}

export async function startHttpServer(handler: Handler, options: http.ServerOptions = {}): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer(options, (req, res) => {
    record(requests, req);
    handler(req, res);
  });
  return listen(server, 'http', requests);
}

export async function startHttpsServer(handler: Handler, material: TlsMaterial, options: https.ServerOptions = {}): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = https.createServer({...options, key: material.key, cert: material.cert}, (req, res) => {
    record(requests, req);
    handler(req, res);
  });
  return listen(server, 'https', requests);
}

/** An HTTP/2 server over TLS; with `allowHTTP1: false` (the default here) it speaks nothing else. */
export async function startHttp2Server(handler: H2Handler, material: TlsMaterial, options: {allowHTTP1?: boolean} = {}): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sessions = new Set<http2.ServerHttp2Session>();
  const server = http2.createSecureServer({key: material.key, cert: material.cert, allowHTTP1: options.allowHTTP1 ?? false}, (req, res) => {
    record(requests, req);
    handler(req, res);
  });
  server.on('session', (session) => {
    sessions.add(session);
    session.on('error', () => {});
    session.on('close', () => sessions.delete(session));
  });
  return listen(server, 'https', requests, () => {
    for (const session of sessions) session.destroy();
  });
}

/**
 * A raw TCP server that hands each connection to `onConnection` (for banners, resets, drips).
 * With `tls`, the socket is a TLS socket after a normal handshake.
 */
export async function startRawServer(
  onConnection: (socket: net.Socket) => void,
  options: {tls?: TlsMaterial; scheme?: 'http' | 'https'} = {},
): Promise<TestServer> {
  const server = options.tls
    ? tls.createServer({key: options.tls.key, cert: options.tls.cert}, (socket) => {
        socket.on('error', () => {});
        onConnection(socket);
      })
    : net.createServer((socket) => {
        socket.on('error', () => {});
        onConnection(socket);
      });
  return listen(server, options.scheme ?? (options.tls ? 'https' : 'http'), []);
}

/**
 * The lowest port the kernel hands out for `listen(0)` and for the local end of a connection;
 * below it, nothing a test starts on port 0 and no client socket can ever land.
 */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > 4096) return low;
  } catch {
    // Not Linux: the IANA dynamic range starts at 49152.
  }
  return 49_152;
}

/**
 * Ports the tests choose themselves, below the ephemeral range, split in two so that one kind never
 * takes the other's: ports kept closed, and ports handed to servers that cannot listen on port 0.
 */
const LOW = 1024;
const SPLIT = LOW + Math.floor((ephemeralLow() - LOW) / 2);

const randomIn = (from: number, to: number): number => from + Math.floor(Math.random() * (to - from));

/** Whether a connection to `port` on the test host is refused (nothing listens there now). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({host: HOST, port}, () => {
      socket.destroy();
      resolve(false);
    });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Whether `port` on the test host can be listened on now (bound, then released). */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

/**
 * A port that nothing listens on, and that stays so while the test runs: a port the kernel picked
 * and released could be handed to the next `listen(0)` (in this worker or another), so it is
 * chosen below the ephemeral range, apart from freePort's, and checked by a refused connection.
 */
export async function closedPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = randomIn(LOW, SPLIT);
    if (await refused(port)) return port;
  }
  throw new Error('no closed port found below the ephemeral range');
}

/**
 * A port for a server that cannot listen on port 0 (nginx, Apache, Django …), free now. Chosen
 * below the ephemeral range: between this check and the server's own bind, no `listen(0)` or
 * outgoing connection of another test can take it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = randomIn(SPLIT, ephemeralLow());
    if (await bindable(port)) return port;
  }
  throw new Error('no free port found below the ephemeral range');
}

/**
 * Calls `tick` every `ms` until the socket closes (drips, endless streams); the timer is cleared
 * when the socket goes away, so no interval outlives its test.
 */
export function every(socket: net.Socket, ms: number, tick: () => void): void {
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) return clearInterval(timer);
    tick();
  }, ms);
  socket.on('close', () => clearInterval(timer));
}
