/**
 * The one HTTP client every probe goes through. got 14's defaults hang on silent servers, buffer
 * endless bodies and retry; this wrapper bounds every phase, caps the decompressed body, never
 * retries, follows redirects by hand so each hop is recorded, and keeps credentials on their origin.
 */
import {Agent as HttpAgent} from 'node:http';
import type {ClientHttp2Session} from 'node:http2';
import {Agent as HttpsAgent} from 'node:https';
import {createSecureContext, rootCertificates, type SecureContext} from 'node:tls';
import type {Agents, Got, Options} from 'got';
import type http2wrapper from 'http2-wrapper';
import type {HttpResponse, ProbeError, ProbeErrorCode, RawHeader, RedirectHop} from '../core/types.js';
import {redactUrl} from '../core/redact.js';

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
}

/** At most this many hops are followed: browsers allow 20, a healthy site needs 1 or 2. */
export const MAX_REDIRECTS = 10;

/** A request that produced no usable response; carries a report-safe record, never got's error. */
export class ProbeFailure extends Error {
  constructor(readonly probeError: ProbeError) {
    super(probeError.message);
  }
}

export function probeError(code: ProbeErrorCode, message: string, url?: string): ProbeError {
  return {kind: 'probe-error', code, message, ...(url === undefined ? {} : {url: redactUrl(url)})};
}

function originOf(url: URL): string {
  return url.origin;
}

/** Pairs of Node's rawHeaders, names lower-cased, duplicates and order kept. */
function pairHeaders(raw: readonly string[]): RawHeader[] {
  const out: RawHeader[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!.toLowerCase(), raw[i + 1]!]);
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

const TLS_HINT = ' (is the certificate trusted? pass its CA with --ca-file)';

/** A one-line reason for a failed request, from the error's code only (got's message may hold secrets). */
function describeFailure(error: unknown, url: string, deadline: AbortSignal, requestTimeoutMs: number): ProbeError {
  const e = error as {code?: unknown; name?: string; event?: string; cause?: {code?: unknown}};
  // Codes are not always strings: a DOMException (the scan deadline's TimeoutError) has a numeric one.
  const own = typeof e.code === 'string' ? e.code : '';
  const inner = typeof e.cause?.code === 'string' ? e.cause.code : '';
  const code = inner && !own.startsWith('ERR_') ? inner : own || inner;
  if (deadline.aborted) return probeError('timeout', 'the scan deadline passed before the server answered', url);
  if (e.name === 'TimeoutError' || code === 'ETIMEDOUT')
    return probeError('timeout', `no answer within ${requestTimeoutMs} ms${e.event ? ` (${e.event} phase)` : ''}`, url);
  if (code.startsWith('HPE_') && code !== 'HPE_HEADER_OVERFLOW')
    return probeError('protocol', `the server's answer is not valid HTTP (${code})`, url);
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|UNABLE_TO_GET_ISSUER/.test(code))
    return probeError('tls', `TLS certificate rejected: ${code}${TLS_HINT}`, url);
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
  if (secureContext) agent.createConnection = async (origin, options) => wrapper.Agent.connect(origin, {...options, secureContext});
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

/** Connections per origin and protocol: enough for the probes' concurrency (4–8), polite to a staging box. */
const MAX_SOCKETS = 8;

export class HttpClient {
  private agents: Promise<{got: Got; agent: Agents}> | undefined;

  constructor(private readonly options: ClientOptions) {}

  /**
   * Keep-alive agents for this client, made on the first request. With extra CAs they share one
   * secure context: letting each connection build its own from the ~140 bundled roots costs ~17 ms.
   */
  private connections(): Promise<{got: Got; agent: Agents}> {
    this.agents ??= loadHttp().then(({got, wrapper}) => {
      const {ca} = this.options;
      const secureContext = ca && ca.length > 0 ? createSecureContext({ca: [...rootCertificates, ...ca]}) : undefined;
      const tlsOptions = secureContext ? {secureContext} : {};
      return {
        got,
        agent: {
          http: new HttpAgent({keepAlive: true, maxSockets: MAX_SOCKETS}),
          https: new HttpsAgent({keepAlive: true, maxSockets: MAX_SOCKETS, ...tlsOptions}),
          http2: makeHttp2Agent(wrapper, secureContext),
        },
      };
    });
    return this.agents;
  }

  /** Ends every kept-alive connection; call when the scan of this target is over. */
  async close(): Promise<void> {
    if (!this.agents) return;
    const {agent} = await this.agents;
    (agent.http as HttpAgent).destroy();
    (agent.https as HttpsAgent).destroy();
    (agent.http2 as http2wrapper.Agent).destroy();
  }

  /** Sends one request (and follows redirects as asked). Throws ProbeFailure when there is no response. */
  async request(spec: RequestSpec): Promise<HttpResponse> {
    const hops: RedirectHop[] = [];
    const seen = new Set<string>();
    const first = new URL(spec.url);
    let url = first;
    for (;;) {
      if (seen.has(url.href)) throw new ProbeFailure(probeError('redirect-loop', `redirect loop at ${redactUrl(url.href)}`, spec.url));
      seen.add(url.href);
      const response = await this.once(spec, url);
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
      hops.push({url: redactUrl(url.href), status: response.status, location: redactUrl(next.href), headers: response.headers});
      if (hops.length > MAX_REDIRECTS)
        throw new ProbeFailure(probeError('too-many-redirects', `more than ${MAX_REDIRECTS} redirects`, spec.url));
      url = next;
    }
  }

  /** Headers for one hop: credentials only to their own origin and only over HTTPS. */
  private headersFor(spec: RequestSpec, url: URL): Record<string, string> {
    const headers: Record<string, string> = {'user-agent': USER_AGENT, ...spec.headers};
    const creds = this.options.credentials;
    if (spec.withCredentials && creds && url.protocol === 'https:' && originOf(url) === creds.origin)
      Object.assign(headers, creds.headers);
    return headers;
  }

  private async once(spec: RequestSpec, url: URL): Promise<Omit<HttpResponse, 'redirects'>> {
    const {signal, requestTimeoutMs, maxBodyBytes, ca} = this.options;
    const {got, agent} = await this.connections();
    const started = performance.now();
    const timeout = Math.max(1, requestTimeoutMs);
    const options: Partial<Options> = {
      method: (spec.method ?? 'GET') as Options['method'],
      headers: this.headersFor(spec, url),
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
      https: {rejectUnauthorized: true, ...(ca && ca.length > 0 ? {certificateAuthority: [...rootCertificates, ...ca]} : {})},
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
        let head: {status: number; httpVersion: string; headers: RawHeader[]} | undefined;
        const finish = (): void => {
          if (!head) return reject(new Error('no response'));
          resolve({
            url: redactUrl(url.href),
            ...head,
            body: Buffer.concat(chunks).toString('utf8'),
            bodyTruncated: truncated,
            durationMs: Math.round(performance.now() - started),
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
          // A body cut off after the head arrived is still an answer; say so by marking it truncated.
          if (head && head.status > 0 && chunks.length > 0 && (error as {code?: string}).code === 'ECONNRESET') {
            truncated = true;
            return finish();
          }
          reject(error);
        });
      });
    } catch (error) {
      throw new ProbeFailure(describeFailure(error, url.href, signal, requestTimeoutMs));
    } finally {
      // Also after a complete answer: got removes its listener on the scan-wide signal only when the
      // stream is destroyed, so every finished request would otherwise leak one (and its response).
      stream.destroy();
    }
  }
}
