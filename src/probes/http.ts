/**
 * The one HTTP client every probe goes through. got 14's defaults hang on silent servers, buffer
 * endless bodies and retry; this wrapper bounds every phase, caps the decompressed body, never
 * retries, follows redirects by hand so each hop is recorded, and keeps credentials on their origin.
 */
import {Agent as HttpAgent} from 'node:http';
import type {ClientHttp2Session} from 'node:http2';
import {Agent as HttpsAgent} from 'node:https';
import {isIP, type Socket} from 'node:net';
import {checkServerIdentity, connect as tlsConnect, createSecureContext, rootCertificates, type PeerCertificate, type SecureContext} from 'node:tls';
import type {Agents, Got, Options} from 'got';
import type http2wrapper from 'http2-wrapper';
import type {HttpResponse, ProbeError, ProbeErrorCode, RawHeader, RedirectHop} from '../core/types.js';
import {ProbeFailure, probeError} from './failure.js';
import {closeGracefully, CLOSE_GRACE_MS, Gate, stoppedError} from './limiter.js';
import {stripUserinfo} from '../core/redact.js';

/** Real sites send CSPs of 20 KB; Node's 16 KiB default rejects them. */
const MAX_HEADER_SIZE = 65_536;
const USER_AGENT = 'shipcheck (+https://github.com/shipcheck/shipcheck)';

export interface ClientOptions {
  /** The overall deadline of the scan; every request stops when it fires. */
  readonly signal: AbortSignal;
  /** Deadline of one request, all phases included. */
  readonly requestTimeoutMs: number;
  /** Cap on decompressed body bytes read per response (stops endless bodies and gzip bombs). */
  readonly maxBodyBytes: number;
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots. */
  readonly ca?: readonly string[];
  /** Headers that carry the user's credentials, and the one origin (scheme://host:port) they may go to. */
  readonly credentials?: {readonly origin: string; readonly headers: Readonly<Record<string, string>>};
  /** The target's budget and the run's per-origin slots; none: no limit. */
  readonly gate?: Gate;
  /** Kept-alive connections shared with the run's other clients; none: a pool of its own, ended by close(). */
  readonly pool?: ConnectionPool;
}

export interface RequestSpec {
  readonly url: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /**
   * 'none' returns the first response as is; 'same-host' follows redirects while they stay on the
   * target's host (any scheme or port), recording each hop, and returns the redirect itself when it
   * leaves the host, so a third party's page is never judged as the target's.
   */
  readonly redirects?: 'none' | 'same-host';
  /** Send the user's credential headers (only ever to their origin, only over HTTPS). */
  readonly withCredentials?: boolean;
  /**
   * Headers that are secrets of the user's (a positive control): like the credentials, sent only to
   * their origin over HTTPS, and never over a connection whose certificate was not verified.
   */
  readonly secretHeaders?: Readonly<Record<string, string>>;
}

/** Internal: the certificate was rejected; `once` retries the request over an unverified connection. */
class CertificateRejected extends Error {
  constructor(readonly detail: {readonly code: string; readonly message: string}) {
    super('certificate rejected');
  }
}

/** At most this many hops are followed: browsers allow 20, a healthy site needs 1 or 2. */
export const MAX_REDIRECTS = 10;

function originOf(url: URL): string {
  return url.origin;
}

/** Pairs of Node's rawHeaders, names lower-cased, duplicates and order kept. */
function pairHeaders(raw: readonly string[]): RawHeader[] {
  const out: RawHeader[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    const value = raw[i + 1];
    if (name !== undefined && value !== undefined) out.push([name.toLowerCase(), value]);
  }
  return out;
}

const NETWORK_CODES: Record<string, ProbeErrorCode> = {
  ECONNREFUSED: 'connection-refused',
  ECONNRESET: 'connection-reset',
  EPIPE: 'connection-reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ETIMEDOUT: 'timeout',
  ERR_ABORTED: 'timeout',
  ABORT_ERR: 'timeout',
  EPROTO: 'protocol',
  ERR_SSL_WRONG_VERSION_NUMBER: 'protocol',
  HPE_HEADER_OVERFLOW: 'too-large',
  ERR_HTTP2_ERROR: 'protocol',
  ERR_HTTP2_STREAM_ERROR: 'protocol',
  ERR_HTTP2_SESSION_ERROR: 'protocol',
};

/**
 * Verification failures of the server's certificate (as opposed to a failed handshake): browsers
 * would show an interstitial, yet the page is there to be judged. OpenSSL reports a SHA-1 or MD5
 * signature below its security level as UNSPECIFIED with "digest algorithm too weak".
 */
function isCertificateRejection(error: unknown): boolean {
  const e = error as {code?: unknown; message?: unknown};
  const code = typeof e.code === 'string' ? e.code : '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|UNABLE_TO_GET_ISSUER|KEY_TOO_SMALL|MD_TOO_WEAK/.test(code)) return true;
  return code === 'UNSPECIFIED' && typeof e.message === 'string' && /too weak|too small/.test(e.message);
}

/** `Dec  5 22:39:12 2026 GMT` → `2026-12-05`. */
function day(text: string | undefined): string {
  const date = text ? new Date(text) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : 'an unreadable date';
}

const CA_HINT = '; if it is your own CA, pass it with --ca-file';

/** A certificate name field, which holds an array when the certificate repeats the attribute (two CNs). */
function nameText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The root cause a browser would show, in one line, from the verification code and the certificate. */
function rejectionReason(code: string, cert: PeerCertificate | undefined, host: string, detail: string, haveCa: boolean): string {
  const hint = haveCa ? '' : CA_HINT;
  const names =
    cert?.subjectaltname?.replace(/DNS:|IP Address:/g, '') ||
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed as always present, but a socket without a peer certificate gives {}.
    nameText(cert?.subject?.CN) ||
    'another name';
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return `the certificate expired on ${day(cert?.valid_to)}`;
    case 'CERT_NOT_YET_VALID':
      return `the certificate is not valid before ${day(cert?.valid_from)}`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `name mismatch: the certificate is for ${names.slice(0, 200)}, not ${host}`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return `the certificate is self-signed${hint}`;
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `the chain ends in a self-signed root that is not trusted${hint}`;
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed as always present, but a socket without a peer certificate gives {}.
      return `unknown issuer "${(nameText(cert?.issuer?.CN) ?? '?').slice(0, 100)}" (or the server does not send its intermediate certificate)${hint}`;
    case 'CERT_SIGNATURE_FAILURE':
      return 'a signature in the certificate chain does not verify';
    default:
      // SHA-1/MD5 signatures and small keys: OpenSSL's own words name the reason.
      return /too weak|too small/.test(detail)
        ? `the certificate chain is rejected: ${detail.slice(0, 120)}`
        : `the certificate is rejected (${code})`;
  }
}

/** A one-line reason for a failed request, from the error's code only (got's message may hold secrets). */
function describeFailure(error: unknown, url: string, deadline: AbortSignal, requestTimeoutMs: number): ProbeError {
  const e = error as {code?: unknown; name?: string; event?: string; cause?: {code?: unknown}};
  // Codes are not always strings: a DOMException (the scan deadline's TimeoutError) has a numeric one.
  const own = typeof e.code === 'string' ? e.code : '';
  const inner = typeof e.cause?.code === 'string' ? e.cause.code : '';
  const code = inner && !own.startsWith('ERR_') ? inner : own || inner;
  if (deadline.aborted) return stoppedError(deadline, 'the scan deadline passed before the server answered', url);
  if (e.name === 'TimeoutError' || code === 'ETIMEDOUT')
    return probeError('timeout', `no answer within ${requestTimeoutMs} ms${e.event ? ` (${e.event} phase)` : ''}`, url);
  if (code.startsWith('HPE_') && code !== 'HPE_HEADER_OVERFLOW')
    return probeError('protocol', `the server's answer is not valid HTTP (${code})`, url);
  if (isCertificateRejection(error)) return probeError('tls', `TLS certificate rejected: ${code}`, url);
  // (Codes mapped below, e.g. plain HTTP answering on the https port, are not handshake failures.)
  if ((code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) && !NETWORK_CODES[code])
    return probeError('tls', `TLS handshake failed: ${code}`, url);
  const mapped = NETWORK_CODES[code];
  if (mapped === 'too-large') return probeError(mapped, `the response headers exceed ${MAX_HEADER_SIZE} bytes`, url);
  if (mapped === 'protocol') return probeError(mapped, `the server did not speak HTTP(S) as expected (${code})`, url);
  if (mapped) return probeError(mapped, `${mapped.replace('-', ' ')} (${code})`, url);
  return probeError('internal', `request failed (${code || e.name || 'unknown error'})`, url);
}

/**
 * The HTTP/2 session pool. http2-wrapper's own keeps handing out a session after the server sent
 * GOAWAY (szmarczak/http2-wrapper#89; nginx does so after 1000 requests, CDNs on every reload), so
 * the requests that follow fail with ERR_HTTP2_GOAWAY_SESSION until the session dies. Marking it as
 * closing, as the pool does for sessions it retires itself, makes the next request open a new one.
 */
function makeHttp2Agent(wrapper: typeof http2wrapper, secureContext: SecureContext | undefined): http2wrapper.Agent {
  const agent = new wrapper.Agent();
  // The pool awaits createConnection inside a try, so a synchronous throw from connect() ends up where a rejection would.
  if (secureContext) agent.createConnection = (origin, options) => Promise.resolve(wrapper.Agent.connect(origin, {...options, secureContext}));
  agent.on('session', (session: ClientHttp2Session) => {
    session.once('goaway', () => {
      const closing = Object.getOwnPropertySymbols(session).find((s) => s.description === 'gracefullyClosing');
      if (closing) (session as unknown as Record<symbol, unknown>)[closing] = true;
    });
  });
  return agent;
}

/**
 * got and http2-wrapper load on the first request (about 80 ms): a scan that sends no HTTP request,
 * such as `--only tls`, never pays for them.
 */
let loaded: Promise<{got: Got; wrapper: typeof http2wrapper}> | undefined;
function loadHttp(): Promise<{got: Got; wrapper: typeof http2wrapper}> {
  loaded ??= Promise.all([import('got'), import('http2-wrapper')]).then(([g, w]) => ({got: g.default, wrapper: w.default}));
  return loaded;
}

/** Connections per origin and protocol of a client on its own: enough for the probes' concurrency (4–8). */
const MAX_SOCKETS = 8;

interface Connections {
  readonly got: Got;
  /** Verify the certificate, as a browser does. */
  readonly agent: Agents;
  /** For an origin whose certificate browsers reject: the page is still judged, without credentials. */
  readonly unverified: Agents;
}

/** The free sockets of a Node agent whose pool name is for `host:port` (the name starts `host:port:`). */
function freeSocketsTo(agent: HttpAgent, host: string, port: string): Socket[] {
  const prefix = `${host}:${port}:`;
  return Object.entries(agent.freeSockets).flatMap(([name, sockets]) => (name.startsWith(prefix) ? (sockets ?? []) : []));
}

/**
 * Closes an HTTP/2 session and resolves once it has closed (or the grace passed). http2-wrapper's
 * agent hands a request any session that is neither destroyed nor marked gracefully closing, so
 * the session is marked first: else a request made before the server's close arrives (a round trip
 * later) fails with ERR_HTTP2_GOAWAY_SESSION instead of opening a session of its own.
 */
function closeSession(session: ClientHttp2Session): Promise<void> {
  if (session.closed || session.destroyed) return Promise.resolve();
  const closing = Object.getOwnPropertySymbols(session).find((s) => s.description === 'gracefullyClosing');
  if (closing !== undefined) (session as unknown as Record<symbol, unknown>)[closing] = true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => session.destroy(), CLOSE_GRACE_MS);
    session.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    session.close();
  });
}

/** http2-wrapper keeps a session's open streams under a symbol of its own; 0 means idle. */
function openStreams(session: ClientHttp2Session): number {
  const key = Object.getOwnPropertySymbols(session).find((s) => s.description === 'currentStreamCount');
  const count = key === undefined ? undefined : (session as unknown as Record<symbol, unknown>)[key];
  return typeof count === 'number' ? count : 1;
}

/**
 * Kept-alive connections, shared by every target of a run: at most `maxSockets` per origin and
 * agent however many targets share the origin, made on the first request. With extra CAs the
 * agents share one secure context: letting each connection build its own from the ~140 bundled
 * roots costs ~17 ms.
 */
export class ConnectionPool {
  private made: Promise<Connections> | undefined;
  /** The agents once made. */
  private ready: Connections | undefined;
  /** Clients using each origin. */
  private readonly users = new Map<string, number>();
  /** Connections being closed, per origin: until the server has closed them too, they still count. */
  private readonly closing = new Map<string, Set<Promise<void>>>();

  constructor(private readonly options: {readonly ca?: readonly string[]; readonly maxSockets: number}) {}

  connections(): Promise<Connections> {
    this.made ??= loadHttp().then(({got, wrapper}) => {
      const {ca, maxSockets} = this.options;
      const secureContext = ca && ca.length > 0 ? createSecureContext({ca: [...rootCertificates, ...ca]}) : undefined;
      const tlsOptions = secureContext ? {secureContext} : {};
      this.ready = {
        got,
        agent: {
          http: new HttpAgent({keepAlive: true, maxSockets}),
          https: new HttpsAgent({keepAlive: true, maxSockets, ...tlsOptions}),
          http2: makeHttp2Agent(wrapper, secureContext),
        },
        unverified: {
          https: new HttpsAgent({keepAlive: true, maxSockets, rejectUnauthorized: false}),
          http2: makeHttp2Agent(wrapper, undefined),
        },
      };
      return this.ready;
    });
    return this.made;
  }

  /**
   * Ends the idle kept-alive connections (and idle HTTP/2 sessions) to one origin, and resolves once
   * the server has closed them too; busy ones stay.
   */
  async closeIdle(origin: string): Promise<void> {
    if (!this.ready) return;
    const {agent, unverified} = this.ready;
    const url = new URL(origin);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const agents = url.protocol === 'https:' ? [agent.https, unverified.https] : [agent.http];
    const closing = agents.flatMap((a) =>
      freeSocketsTo(a as HttpAgent, host, port).map((socket) => {
        const closed = closeGracefully(socket);
        // Then out of the pool, so that no request is handed a connection that is ending: Node's agent
        // drops a socket from its free list on 'agentRemove' only once it is no longer writable.
        socket.emit('agentRemove');
        return closed;
      }),
    );
    if (url.protocol === 'https:')
      for (const h2 of [agent.http2, unverified.http2] as http2wrapper.Agent[])
        for (const session of Object.values(h2.sessions).flat())
          if (session.originSet?.includes(origin) === true && openStreams(session) === 0) closing.push(closeSession(session));
    // Also those another caller started closing a moment ago: they are still open on the server.
    const tracked = this.closing.get(origin) ?? new Set<Promise<void>>();
    for (const closed of closing) {
      tracked.add(closed);
      void closed.then(() => {
        tracked.delete(closed);
        if (tracked.size === 0) this.closing.delete(origin);
      });
    }
    if (tracked.size > 0) this.closing.set(origin, tracked);
    await Promise.all([...tracked]);
  }

  /** Counts a client that sends to `origin`; see release. */
  use(origin: string): void {
    this.users.set(origin, (this.users.get(origin) ?? 0) + 1);
  }

  /**
   * A client is done with these origins: once no client of the run uses one, its idle connections
   * end (a fleet of 2,000 origins would otherwise keep 2,000 sockets open to the end of the run).
   */
  async release(origins: Iterable<string>): Promise<void> {
    const unused: string[] = [];
    for (const origin of origins) {
      const left = (this.users.get(origin) ?? 1) - 1;
      if (left > 0) this.users.set(origin, left);
      else {
        this.users.delete(origin);
        unused.push(origin);
      }
    }
    await Promise.all(unused.map((origin) => this.closeIdle(origin)));
  }

  /** Ends every connection; call when the run is over. */
  async destroy(): Promise<void> {
    if (!this.made) return;
    const {agent, unverified} = await this.made;
    (agent.http as HttpAgent).destroy();
    (agent.https as HttpsAgent).destroy();
    (agent.http2 as http2wrapper.Agent).destroy();
    (unverified.https as HttpsAgent).destroy();
    (unverified.http2 as http2wrapper.Agent).destroy();
  }
}

/** What the views of one client (see HttpClient.through) share. */
interface ClientState {
  /** Origins the client sent to: their idle connections are closed with it. */
  readonly origins: Set<string>;
  /** Why browsers reject the certificate, per origin that had such a rejection. */
  readonly rejected: Map<string, Promise<string>>;
}

export class HttpClient {
  private readonly pool: ConnectionPool;
  private readonly gate: Gate;
  private readonly origins: Set<string>;
  private readonly rejected: Map<string, Promise<string>>;

  constructor(
    private readonly options: ClientOptions,
    state: ClientState = {origins: new Set(), rejected: new Map()},
  ) {
    this.pool = options.pool ?? new ConnectionPool({maxSockets: MAX_SOCKETS, ...(options.ca ? {ca: options.ca} : {})});
    this.gate = options.gate ?? Gate.open();
    this.origins = state.origins;
    this.rejected = state.rejected;
  }

  /**
   * The same client (connections, rejected certificates, origins) sending through `gate`: one per
   * probe, so that a request the budget refuses is charged to the probe that asked for it. Close
   * the client itself, not its views.
   */
  through(gate: Gate): HttpClient {
    return new HttpClient({...this.options, pool: this.pool, gate}, {origins: this.origins, rejected: this.rejected});
  }

  /**
   * Call when the scan of this target is over: a pool of its own ends; in the run's shared pool the
   * idle connections to the origins no other client of the run uses any more end.
   */
  close(): Promise<void> {
    return this.options.pool ? this.pool.release(this.origins) : this.pool.destroy();
  }

  /**
   * Why browsers reject the certificate of the target's origin (or of the first origin that had a
   * rejection), once a request met it; undefined when every certificate verified.
   */
  async certificateRejected(): Promise<string | undefined> {
    const first = this.rejected.values().next();
    return first.done ? undefined : first.value;
  }

  /** Sends one request (and follows redirects as asked). Throws ProbeFailure when there is no response. */
  async request(spec: RequestSpec): Promise<HttpResponse> {
    const hops: RedirectHop[] = [];
    const seen = new Set<string>();
    const first = new URL(spec.url);
    let url = first;
    for (;;) {
      if (seen.has(url.href)) throw new ProbeFailure(probeError('redirect-loop', `redirect loop at ${stripUserinfo(url.href)}`, spec.url), [...hops]);
      seen.add(url.href);
      let response: Omit<HttpResponse, 'redirects'>;
      try {
        response = await this.once(spec, url);
      } catch (error) {
        if (error instanceof ProbeFailure && hops.length > 0) throw new ProbeFailure(error.probeError, [...hops]);
        throw error;
      }
      const location = response.headers.find(([name]) => name === 'location')?.[1];
      if (spec.redirects !== 'same-host' || response.status < 300 || response.status >= 400 || location === undefined)
        return {...response, redirects: hops};
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return {...response, redirects: hops};
      }
      if (next.hostname !== first.hostname || !/^https?:$/.test(next.protocol)) return {...response, redirects: hops};
      hops.push({url: stripUserinfo(url.href), status: response.status, location: stripUserinfo(next.href), headers: response.headers});
      if (hops.length > MAX_REDIRECTS)
        throw new ProbeFailure(probeError('too-many-redirects', `more than ${MAX_REDIRECTS} redirects`, spec.url), [...hops]);
      url = next;
    }
  }

  /**
   * Headers for one hop: credentials and secret headers only to their own origin, only over HTTPS,
   * and never over a connection whose certificate was not verified.
   */
  private headersFor(spec: RequestSpec, url: URL, verified: boolean): Record<string, string> {
    const headers: Record<string, string> = {'user-agent': USER_AGENT, ...spec.headers};
    const creds = this.options.credentials;
    if (!verified || url.protocol !== 'https:') return headers;
    if (spec.withCredentials && creds?.origin === originOf(url)) Object.assign(headers, creds.headers);
    if (spec.secretHeaders && creds?.origin === originOf(url)) Object.assign(headers, spec.secretHeaders);
    return headers;
  }

  /**
   * One request. Over HTTPS, a certificate browsers reject does not end the scan (testssl.sh and
   * Observatory do the same): the certificate checks fail on it, and this request and every later
   * one to that origin are sent over an unverified connection, without any credential, each
   * answer marked with the reason.
   */
  private async once(spec: RequestSpec, url: URL): Promise<Omit<HttpResponse, 'redirects'>> {
    const known = url.protocol === 'https:' ? this.rejected.get(url.origin) : undefined;
    if (known) return this.send(spec, url, await known);
    try {
      return await this.send(spec, url);
    } catch (error) {
      if (!(error instanceof CertificateRejected)) throw error;
      let reason = this.rejected.get(url.origin);
      if (!reason) {
        reason = this.diagnose(url, error.detail);
        this.rejected.set(url.origin, reason);
      }
      return this.send(spec, url, await reason);
    }
  }

  /** The root cause of a rejected certificate, from one handshake that does not verify it. */
  private diagnose(url: URL, detail: {code: string; message: string}): Promise<string> {
    const {ca, signal, requestTimeoutMs} = this.options;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const extraCa = ca ?? [];
    const haveCa = extraCa.length > 0;
    const fallback = (): string => rejectionReason(detail.code, undefined, host, detail.message, haveCa);
    const look = (): Promise<string> =>
      new Promise((resolve) => {
        const socket = tlsConnect({
          host,
          port: Number(url.port || 443),
          ...(isIP(host) ? {} : {servername: host}),
          rejectUnauthorized: false,
          ...(haveCa ? {ca: [...rootCertificates, ...extraCa]} : {}),
        });
        /** Set from the certificate once the handshake is done; resolved when the connection has closed. */
        let reason: string | undefined;
        const abort = (): void => void socket.destroy();
        signal.addEventListener('abort', abort, {once: true});
        socket.once('close', () => {
          signal.removeEventListener('abort', abort);
          resolve(reason ?? fallback());
        });
        socket.setTimeout(Math.max(1, requestTimeoutMs), () => socket.destroy());
        socket.on('error', () => undefined);
        socket.once('secureConnect', () => {
          const cert = socket.getPeerCertificate();
          // Node keeps the chain's verification error as its OpenSSL code (a string, despite the typing).
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed as an Error, but null when the chain verified.
          const chainCode = socket.authorizationError ? String(socket.authorizationError) : undefined;
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed as always an object, but Node returns null from a socket that has lost its handle.
          const identity = cert && Object.keys(cert).length > 0 ? checkServerIdentity(host, cert) : undefined;
          // The chain problem is the root cause; a name mismatch is reported when the chain is fine.
          const code = chainCode ?? (identity ? 'ERR_TLS_CERT_ALTNAME_INVALID' : detail.code);
          reason = rejectionReason(code, cert, host, detail.message, haveCa);
          void closeGracefully(socket);
        });
      });
    // A handshake like the TLS probes' own: it counts against the budget and the origin's slots.
    return this.gate.handshake(url, signal, look).catch(fallback);
  }

  /** One request on the wire, counted against the budget and holding one of its origin's slots while in flight. */
  private async send(spec: RequestSpec, url: URL, rejectedBecause?: string): Promise<Omit<HttpResponse, 'redirects'>> {
    const connections = await this.pool.connections();
    const verified = rejectedBecause === undefined;
    // A request whose point is the user's secret (a positive control) is not sent at all rather than
    // sent without it, which would be read as the endpoint refusing the credential.
    if (!verified && spec.secretHeaders)
      throw new ProbeFailure(
        probeError(
          'not-applicable',
          `not sent: your credential goes only over a verified connection, and browsers reject this certificate (${rejectedBecause})`,
          url.href,
        ),
      );
    if (!this.origins.has(url.origin)) {
      this.origins.add(url.origin);
      this.pool.use(url.origin);
    }
    return this.gate.request(url, this.options.signal, () => this.exchange(spec, url, connections, rejectedBecause));
  }

  private async exchange(spec: RequestSpec, url: URL, connections: Connections, rejectedBecause?: string): Promise<Omit<HttpResponse, 'redirects'>> {
    const {signal, requestTimeoutMs, maxBodyBytes, ca} = this.options;
    const {got} = connections;
    const verified = rejectedBecause === undefined;
    const agent = verified ? connections.agent : connections.unverified;
    const started = performance.now();
    const timeout = Math.max(1, requestTimeoutMs);
    const options: Partial<Options> = {
      method: (spec.method ?? 'GET') as Options['method'],
      headers: this.headersFor(spec, url, verified),
      ...(spec.body === undefined ? {} : {body: spec.body}),
      followRedirect: false,
      throwHttpErrors: false,
      retry: {limit: 0},
      http2: url.protocol === 'https:',
      maxHeaderSize: MAX_HEADER_SIZE,
      decompress: true,
      timeout: {
        lookup: timeout,
        connect: timeout,
        secureConnect: timeout,
        socket: timeout,
        send: timeout,
        response: timeout,
        read: timeout,
        request: timeout,
      },
      signal,
      agent,
      // Connections made by the agents use their shared secure context; the list is for the rest
      // (got's ALPN probe), where Node builds a context of its own.
      https: verified
        ? {rejectUnauthorized: true, ...(ca && ca.length > 0 ? {certificateAuthority: [...rootCertificates, ...ca]} : {})}
        : {rejectUnauthorized: false},
    };
    const stream = got.stream(url, options as Options & {isStream: true});
    // got's stream is writable for every method but GET and HEAD and waits for the body until the
    // deadline; with none to send, end it now (Node then sends no body headers for TRACE or OPTIONS).
    if (spec.body === undefined && !['GET', 'HEAD'].includes(options.method ?? 'GET')) stream.end();
    try {
      return await new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        let truncated = false;
        let cut: string | undefined;
        let head: {status: number; httpVersion: string; headers: RawHeader[]} | undefined;
        const finish = (): void => {
          if (!head) return reject(new Error('no response'));
          resolve({
            url: stripUserinfo(url.href),
            ...head,
            body: Buffer.concat(chunks).toString('utf8'),
            bodyTruncated: truncated,
            ...(cut === undefined ? {} : {bodyCut: cut}),
            durationMs: Math.round(performance.now() - started),
            ...(verified ? {} : {certificateRejected: rejectedBecause}),
          });
        };
        stream.on('response', (res: {statusCode: number; httpVersion: string; rawHeaders: string[]}) => {
          head = {status: res.statusCode, httpVersion: res.httpVersion, headers: pairHeaders(res.rawHeaders)};
        });
        stream.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = maxBodyBytes - bytes;
          if (chunk.length >= room) {
            chunks.push(chunk.subarray(0, room));
            bytes = maxBodyBytes;
            truncated = true;
            stream.destroy();
            finish();
            return;
          }
          chunks.push(chunk);
          bytes += chunk.length;
        });
        stream.on('end', finish);
        stream.on('error', (error) => {
          if (truncated) return;
          // A body cut off after the head arrived is still an answer; say so by marking it truncated and cut.
          if (head && head.status > 0 && chunks.length > 0 && (error as {code?: string}).code === 'ECONNRESET') {
            truncated = true;
            cut = `the connection was reset after ${bytes} bytes of the body`;
            return finish();
          }
          reject(error);
        });
      });
    } catch (error) {
      if (verified && !signal.aborted && isCertificateRejection(error)) {
        const e = error as {code?: unknown; message?: unknown};
        // isCertificateRejection only accepts a string code, so the fallback is never used.
        throw new CertificateRejected({code: typeof e.code === 'string' ? e.code : '', message: typeof e.message === 'string' ? e.message : ''});
      }
      throw new ProbeFailure(describeFailure(error, url.href, signal, requestTimeoutMs));
    } finally {
      // Also after a complete answer: got removes its listener on the scan-wide signal only when the
      // stream is destroyed, so every finished request would otherwise leak one (and its response).
      stream.destroy();
    }
  }
}
