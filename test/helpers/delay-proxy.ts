/**
 * A TCP proxy on 127.0.0.1 that puts a network's latency between a client and a loopback server:
 * every chunk, end of stream and reset is passed on `delayMs` later in each direction, in order. A
 * loopback connect completes at once, so the client's first bytes also wait for the SYN / SYN-ACK
 * round trip a real connection costs: a ClientHello written on connect reaches the server 3 ×
 * `delayMs` after it, and its answer is back 4 × `delayMs` after it (two round trips), as over a
 * real network. The proxy counts the connections it holds open to the server (the server's own
 * count, seen from the proxy) and records when each connection opened and first heard back.
 */
import net from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';

/** One connection through the proxy, in performance.now() milliseconds. */
export interface ProxiedConnection {
  readonly opened: number;
  /** When the client's first bytes (its hello) reached the proxy; never, for a connection opened and not used. */
  sent?: number;
  /** When the server's first bytes (or its close) reached the client. */
  answered?: number;
}

export interface DelayProxy {
  readonly port: number;
  /** Connections through the proxy, in the order they were opened. */
  readonly connections: readonly ProxiedConnection[];
  /** The most connections open to the server at once (from the proxy's connect until that connection has closed). */
  readonly peak: number;
  /** Forgets the connections and the peak (between two scans). */
  reset(): void;
  close(): Promise<void>;
}

/**
 * The longest chain of hellos each sent after the one before it had its answer: the hellos a
 * client sent one after another, whether it waited for an answer or for a free slot.
 */
export function longestChain(connections: readonly ProxiedConnection[]): number {
  const sorted = connections.filter((c) => c.sent !== undefined).sort((a, b) => (a.sent ?? 0) - (b.sent ?? 0));
  const depth: number[] = [];
  sorted.forEach((c, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) {
      const answered = sorted[j]?.answered;
      if (answered !== undefined && answered <= (c.sent ?? 0)) before = Math.max(before, depth[j] ?? 0);
    }
    depth.push(before + 1);
  });
  return Math.max(0, ...depth);
}

/** Runs each step at its time, one after another: a direction of one connection. */
function lane(): (at: number, step: () => void) => void {
  let tail = Promise.resolve();
  return (at, step) => {
    tail = tail.then(async () => {
      const wait = at - performance.now();
      if (wait > 0) await sleep(wait);
      step();
    });
  };
}

export async function startDelayProxy(target: {host: string; port: number}, delayMs: number): Promise<DelayProxy> {
  const connections: ProxiedConnection[] = [];
  const sockets = new Set<net.Socket>();
  let open = 0;
  let peak = 0;
  const server = net.createServer({allowHalfOpen: true}, (client) => {
    const record: ProxiedConnection = {opened: performance.now()};
    connections.push(record);
    sockets.add(client);
    const toServer = lane();
    const toClient = lane();
    // The client's bytes leave once its handshake round trip is done, and arrive one delay later.
    const handshaken = record.opened + 2 * delayMs;
    const outbound = (): number => Math.max(performance.now(), handshaken) + delayMs;
    const inbound = (): number => performance.now() + delayMs;
    const heard = (): void => {
      record.answered ??= performance.now();
    };
    const upstream = new net.Socket({allowHalfOpen: true});
    sockets.add(upstream);
    let upstreamOpen = false;
    // The server is done with a connection once it has closed its side (its FIN, a reset, or both sides closed).
    const serverDone = (): void => {
      if (!upstreamOpen) return;
      upstreamOpen = false;
      open--;
    };
    upstream.once('end', serverDone);
    upstream.once('close', () => {
      sockets.delete(upstream);
      serverDone();
    });
    // The SYN reaches the server one delay after the client sent it.
    toServer(record.opened + delayMs, () => {
      if (client.destroyed && !client.readableEnded) return void upstream.destroy();
      upstreamOpen = true;
      open++;
      peak = Math.max(peak, open);
      upstream.connect(target.port, target.host);
    });
    client.on('data', (chunk: Buffer) => {
      record.sent ??= performance.now();
      toServer(outbound(), () => void upstream.write(chunk));
    });
    client.once('end', () => toServer(outbound(), () => void upstream.end()));
    client.on('error', () => undefined);
    client.once('close', () => {
      sockets.delete(client);
      toServer(outbound(), () => void upstream.destroy());
    });
    upstream.on('data', (chunk: Buffer) =>
      toClient(inbound(), () => {
        heard();
        client.write(chunk);
      }),
    );
    upstream.once('end', () =>
      toClient(inbound(), () => {
        heard();
        client.end();
      }),
    );
    upstream.on('error', () => undefined);
    upstream.once('close', () =>
      toClient(inbound(), () => {
        heard();
        client.destroy();
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as net.AddressInfo;
  return {
    port,
    connections,
    get peak() {
      return peak;
    },
    reset() {
      connections.length = 0;
      peak = open;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
