/**
 * Politeness and budget for a run over many targets. One OriginLimiter is shared by the whole run:
 * every request of every target, every TLS handshake of the TLS probes and every request of a burst
 * waits for one of the `perOrigin` slots of its origin (scheme://host:port) and holds it while it is
 * in flight. One RequestBudget per target counts its requests and handshakes; past the budget they
 * fail as a probe error, and the probe that met the refusal (each probe has a Gate of its own, see
 * Gate.forProbe) stores that error as its artifact, so the checks that needed it say `error` instead
 * of judging part of what they asked for.
 */
import type {Socket} from 'node:net';
import {setImmediate as nextTurn} from 'node:timers/promises';
import type {ProbeError} from '../core/types.js';
import {ProbeFailure, probeError} from './failure.js';

/** The reason a run-wide signal carries when the user stopped the run (SIGINT, SIGTERM), as opposed to a deadline. */
export class Interruption extends Error {
  constructor(readonly signalName: string) {
    super(`interrupted by ${signalName}`);
    this.name = 'Interruption';
  }
}

/** The signal's name when `signal` was aborted by an interruption (see Interruption), else undefined. */
export function interruptedBy(signal: AbortSignal): string | undefined {
  return signal.aborted && signal.reason instanceof Interruption ? signal.reason.signalName : undefined;
}

/** Why a request or handshake was not made (or cut short) once `signal` fired: the user's interruption, or the target's deadline. */
export function stoppedError(signal: AbortSignal, deadlineMessage: string, url?: string): ProbeError {
  const by = interruptedBy(signal);
  return by === undefined ? probeError('timeout', deadlineMessage, url) : probeError('aborted', `not finished: the run was interrupted (${by})`, url);
}

/**
 * How long a connection we end may take to be closed by the server too: a server closes at once on
 * our FIN (nginx, Node, OpenSSL mid-handshake); one that keeps it half-open is cut off after this.
 */
export const CLOSE_GRACE_MS = 1000;

/**
 * Ends a connection and resolves once the server has closed its side too (or the grace passed), so
 * that the slot it held is free on the server's side when the next connection opens: destroying it
 * outright lets the next connection reach the server before our FIN has been read, and the server
 * counts one more than we hold.
 */
export function closeGracefully(socket: Socket, graceMs = CLOSE_GRACE_MS): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => socket.destroy(), graceMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    // Whatever the server still sends is read and dropped, so that its FIN is seen.
    socket.on('error', () => undefined);
    socket.resume();
    socket.end();
  });
}

/** The key connections are counted under: `scheme://host:port`, the default port left out as browsers do (URL.origin). */
export function originOf(url: string | URL): string {
  return (typeof url === 'string' ? new URL(url) : url).origin;
}

interface Waiter {
  readonly grant: () => void;
}

interface OriginState {
  active: number;
  readonly waiting: Waiter[];
}

/** Shared by a whole run: at most `perOrigin` requests and handshakes in flight to one origin at once. */
export class OriginLimiter {
  /** Only origins with work in flight or waiting: a fleet of 2,000 origins does not leave 2,000 entries. */
  private readonly origins = new Map<string, OriginState>();
  private readonly idleClosers = new Set<(origin: string) => Promise<void>>();

  constructor(readonly perOrigin: number) {}

  /**
   * Waits for a slot of `origin` and returns its release (idempotent). Rejects with the signal's
   * reason when `signal` fires first, and the place in the queue is given up.
   */
  acquire(origin: string, signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    let state = this.origins.get(origin);
    if (!state) {
      state = {active: 0, waiting: []};
      this.origins.set(origin, state);
    }
    const held = state;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      const next = held.waiting.shift();
      // The slot passes straight to the next in line, so a newcomer cannot overtake the queue.
      if (next) return next.grant();
      held.active--;
      if (held.active === 0) this.origins.delete(origin);
    };
    if (held.active < this.perOrigin) {
      held.active++;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const at = held.waiting.indexOf(waiter);
        if (at !== -1) held.waiting.splice(at, 1);
        reject(signal.reason as Error);
      };
      const waiter: Waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      held.waiting.push(waiter);
      signal.addEventListener('abort', onAbort, {once: true});
    });
  }

  /** Registers what closes the idle kept-alive connections to an origin (the run's connection pool). */
  onCloseIdle(closer: (origin: string) => Promise<void>): void {
    this.idleClosers.add(closer);
  }

  /** Closes the idle kept-alive connections to `origin`, so that a new connection of our own does not add to them. */
  async closeIdle(origin: string): Promise<void> {
    await Promise.all([...this.idleClosers].map((close) => close(origin)));
  }
}

/** What one target may cost: requests and handshakes together. */
export class RequestBudget {
  private used = 0;

  constructor(readonly max: number) {}

  /** Counts one request or handshake; throws ProbeFailure (code 'budget') when the budget is spent. */
  take(url?: string): void {
    if (this.used >= this.max)
      throw new ProbeFailure(
        probeError('budget', `not sent: this target's budget of ${this.max} requests and handshakes is spent (raise it with --max-requests)`, url),
      );
    this.used++;
  }
}

/** One target's way out: its budget, and the run's per-origin slots. */
export class Gate {
  /** The first request or handshake the budget refused through this gate. */
  private refusal: ProbeError | undefined;

  constructor(
    readonly limiter: OriginLimiter,
    readonly budget: RequestBudget,
  ) {}

  /** The same budget and slots, with a refusal record of its own: one per probe. */
  forProbe(): Gate {
    return new Gate(this.limiter, this.budget);
  }

  /** Why the budget refused a request or handshake through this gate, if it did: then the probe's answer is incomplete. */
  get refused(): ProbeError | undefined {
    return this.refusal;
  }

  /** No limit at all: for a probe or client used on its own (tests, the bench). */
  static open(): Gate {
    return new Gate(new OriginLimiter(Number.POSITIVE_INFINITY), new RequestBudget(Number.POSITIVE_INFINITY));
  }

  /**
   * Runs one request to `url`'s origin: counts it against the budget, waits for a slot (throwing
   * ProbeFailure when `signal` fires first) and holds it until `work` settles.
   */
  async request<T>(url: string | URL, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    const href = typeof url === 'string' ? url : url.href;
    this.take(href);
    const origin = originOf(url);
    const release = await this.wait(origin, signal, href);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /**
   * Runs one handshake on a connection of its own to `url`'s origin, as `request` does, after the
   * idle kept-alive connections to that origin are closed: they and the handshakes together then stay
   * within the limit.
   */
  async handshake<T>(url: string | URL, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    return this.request(url, signal, async () => {
      // One turn of the event loop first: a connection whose response just ended returns to the
      // pool on the next tick, and would otherwise stay open beside the handshake.
      await nextTurn();
      await this.limiter.closeIdle(originOf(url));
      return work();
    });
  }

  private take(url: string): void {
    try {
      this.budget.take(url);
    } catch (error) {
      if (error instanceof ProbeFailure) this.refusal ??= error.probeError;
      throw error;
    }
  }

  private async wait(origin: string, signal: AbortSignal, url: string): Promise<() => void> {
    try {
      return await this.limiter.acquire(origin, signal);
    } catch {
      throw new ProbeFailure(
        stoppedError(
          signal,
          `the scan deadline passed while waiting for a free connection to ${origin} (--per-origin ${this.limiter.perOrigin})`,
          url,
        ),
      );
    }
  }
}
