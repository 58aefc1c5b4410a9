/**
 * The TlsScan probe: protocol versions, cipher suites, groups and handshake features of the
 * target's host:port, from hand-built ClientHellos over plain TCP (node:tls cannot offer SSLv2/v3,
 * 3DES, RC4, DES or EXPORT suites, so a scan built on it calls weak servers clean).
 *
 * Per version: offer every suite the version can carry, read only the server's first answer, note
 * the chosen suite, remove it, repeat until refused; the removal order is the server's preference
 * when a reversed offer shows it enforces one. A server that follows the client's order has the
 * rest enumerated in disjoint slices side by side, when the connection limits leave room for them.
 * On a real network the round trips decide the time, so each hello costs one: its connection is
 * opened while the hello before it is out, and its answer is used as soon as it is read, while the
 * connection closes (holding its slot until the server has closed it too). Versions run side by
 * side. Every socket has a deadline and a byte cap; at most 8 are open at once (on 2 cores more
 * gains nothing), and the run's per-origin limit counts every one.
 */
import {randomBytes} from 'node:crypto';
import {lookup} from 'node:dns/promises';
import {setMaxListeners} from 'node:events';
import net from 'node:net';
import type {Target} from '../core/target.js';
import type {TlsProtocolScan, TlsScan, TlsSuite, TlsVersion} from '../core/types.js';
import {TLS_VERSIONS} from '../core/types.js';
import {GROUPS, groupName, suiteByCode, suiteName, suitesFor, type SuiteInfo} from '../lib/tls/suites.js';
import {
  ALERTS,
  buildClientHello,
  buildSslv2ClientHello,
  COMPRESSION_DEFLATE,
  dhPrimeBits,
  ecdheGroup,
  parseServerAnswer,
  VERSION_CODES,
  type HelloVersion,
  type ServerAnswer,
  type ServerHello,
  type Want,
} from '../lib/tls/wire.js';
import {ProbeFailure, probeError} from './failure.js';
import {CLOSE_GRACE_MS, closeGracefully, Gate, stoppedError} from './limiter.js';
import type {Probe} from './probe.js';

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 5000;
/** Past ~8 concurrent connections nothing is gained on 2 cores (measured, NOTES.md). */
export const DEFAULT_CONCURRENCY = 8;
/** The most removal loops side by side for one enumeration: past it, a slice mostly costs its refusal. */
const MAX_LOOPS = 4;
/**
 * Connections one removal loop keeps busy: its hello in flight, the next connection opened ahead,
 * and the last one closing. Fewer slots than that per loop only makes the loops wait for each other
 * (measured through a 25 ms delaying proxy: with --per-origin 4, four slices were 5–20% slower than one loop).
 */
const SLOTS_PER_LOOP = 3;

/**
 * Code points per ClientHello, signalling values included: old Cisco ASA/ACE boxes fail hellos
 * with 128 or more (testssl.sh's SERVER_SIZE_LIMIT_BUG). nginx (OpenSSL 3.0) and GnuTLS 3.7
 * answered 4000 (an 8 KiB hello), so the limit costs one extra hello per extra chunk, no more.
 */
const MAX_CODES_PER_HELLO = 127;
/** Room for the renegotiation and fallback SCSVs. */
const SUITES_PER_HELLO = MAX_CODES_PER_HELLO - 2;
/** The ServerHello is in the first record (≤ 18 KiB); more bytes without one is not a TLS server. */
const HELLO_BYTES_CAP = 32 * 1024;
/** Up to the ServerKeyExchange: OpenSSL itself refuses certificate lists above 100 KiB. */
const FLIGHT_BYTES_CAP = 128 * 1024;

const ALERT_PROTOCOL_VERSION = 70;
const TLS_HELLO_VERSIONS: readonly HelloVersion[] = ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

const ALL_GROUPS = GROUPS.map((g) => g.code);
/** TLS ≤ 1.2 hellos list only EC groups: an RFC 7919 server seeing ffdhe groups may refuse DHE instead of using its own prime. */
const EC_GROUPS = GROUPS.filter((g) => g.kind === 'ec').map((g) => g.code);

export interface TlsScanOptions {
  /** The overall deadline; every socket closes when it fires. */
  readonly signal: AbortSignal;
  /** Deadline of one connection: connect, ClientHello, the server's answer. */
  readonly handshakeTimeoutMs?: number;
  /** Connections open at once (the run's per-origin limit may allow fewer). */
  readonly concurrency?: number;
  /** The target's budget and the run's per-origin slots: each hello counts as a handshake to the https origin. */
  readonly gate?: Gate;
  /**
   * Removal loops side by side for a version's suites (and TLS 1.3 groups) that a server takes in the
   * client's order; 1 runs one loop. Default: what the connection limits leave room for (SLOTS_PER_LOOP
   * each, at most MAX_LOOPS), so one loop under the default --per-origin 4.
   */
  readonly loops?: number;
}

export interface TlsEndpoint {
  /** Host name or IP literal (IPv6 without brackets). */
  readonly host: string;
  readonly port: number;
}

/** What one connection gave: the server's answer, or why there was none. */
type Outcome =
  | ServerAnswer
  | {readonly kind: 'closed'}
  | {readonly kind: 'reset'}
  | {readonly kind: 'timeout'}
  | {readonly kind: 'aborted'}
  | {readonly kind: 'refused'}
  | {readonly kind: 'network'; readonly code: string};

interface HelloExtras {
  readonly fallbackScsv?: boolean;
  readonly compression?: boolean;
  readonly groups?: readonly number[];
  readonly share?: boolean;
}

/** Offers `offer` in one hello and reads which member the server picked (a suite, a group); undefined when it refused. */
type Pick = (offer: readonly number[]) => Promise<number | undefined>;

/** What a run of picks found. */
interface PickRun {
  /** In the order the server picked them when `ordered`, else in the order offered. */
  readonly found: number[];
  readonly ordered: boolean;
  /** Set when the picks showed the server's own order beyond doubt. */
  readonly serverPreference?: true;
}

/** A version's first hello, and the chunks of suites it has to offer. */
interface Opening {
  readonly version: HelloVersion;
  readonly head: readonly number[];
  readonly tail: readonly (readonly number[])[];
  readonly first: Outcome;
  /** The suite the first hello got: the server's choice out of the whole first chunk. */
  readonly top?: number;
}

interface VersionResult {
  readonly version: TlsVersion;
  /** Accepted suites, in the server's order when it enforces one, else in the order found. */
  readonly suites: readonly number[];
  readonly serverPreference?: boolean;
  /** The first ServerHello at this version (for renegotiation_info). */
  readonly firstHello?: ServerHello;
  /** The answer to the first hello of this version. */
  readonly first: Outcome;
}

/**
 * Suites that servers commonly have: an OpenSSL name, certificate (RSA, ECDSA) or anonymous
 * authentication, no PSK/SRP/Kerberos/GOST. 122 of TLS 1.2's 352 suites: one hello.
 */
function isCommon(s: SuiteInfo): boolean {
  return Boolean(s.openssl) && ['RSA', 'ECDSA', 'None'].includes(s.au) && !/PSK|SRP|KRB5|GOST/.test(s.kx) && s.enc !== 'GOST';
}

/**
 * Strength first, as a careful client would prefer (ECDHE, then DHE; AEAD; key bits): a server that
 * follows the client's order reports this one.
 */
function byStrength(a: SuiteInfo, b: SuiteInfo): number {
  const rank = (s: SuiteInfo): number => (s.forwardSecrecy ? (s.kx === 'DH' ? 1 : 0) : 2);
  return rank(a) - rank(b) || Number(b.aead) - Number(a.aead) || b.bits - a.bits || a.code - b.code;
}

/** Splits into the fewest chunks of at most SUITES_PER_HELLO, of near-equal size. */
function split(suites: readonly SuiteInfo[]): number[][] {
  const count = Math.ceil(suites.length / SUITES_PER_HELLO);
  const size = Math.ceil(suites.length / count);
  return Array.from({length: count}, (_, i) => suites.slice(i * size, (i + 1) * size).map((s) => s.code));
}

/**
 * The hellos' suite lists for one version. When they do not fit one hello, the common suites get a
 * hello of their own, so a typical server's accepted suites come from one chunk and their order
 * needs no merge; the first chunk goes first, and its answer decides whether the others are needed.
 */
function offerChunks(version: TlsVersion): number[][] {
  const all = suitesFor(version).sort(byStrength);
  if (all.length <= SUITES_PER_HELLO) return [all.map((s) => s.code)];
  return [...split(all.filter(isCommon)), ...split(all.filter((s) => !isCommon(s)))];
}

function describe(o: Outcome): string {
  switch (o.kind) {
    case 'alert':
      return `alert ${ALERTS[o.description] ?? o.description}`;
    case 'not-tls':
    case 'malformed':
      return o.reason;
    case 'network':
      return o.code;
    default:
      return o.kind;
  }
}

/** Offers `candidates`, removing each pick, until the server refuses: the picks, in the order made. */
async function removal(pick: Pick, candidates: readonly number[]): Promise<number[]> {
  const remaining = [...candidates];
  const found: number[] = [];
  while (remaining.length > 0) {
    const chosen = await pick(remaining);
    if (chosen === undefined) break;
    found.push(chosen);
    remaining.splice(remaining.indexOf(chosen), 1);
  }
  return found;
}

/**
 * Everything the server accepts out of `offer`, given `top`, its pick out of all of it. The rest
 * goes out twice at once, in our order and reversed: a server that enforces its own order picks the
 * same member from both, and the rest is one removal loop, whose picks are its order. A server that
 * follows the client picks two different members, so the order of its picks says nothing, and the
 * rest is enumerated in `loops` disjoint slices side by side: about 1/`loops` of the round trips.
 * Every slice loop runs until refused, so nothing it holds is missed whatever the server does.
 */
async function enumeratePicks(pick: Pick, offer: readonly number[], top: number, loops: number): Promise<PickRun> {
  const rest = offer.filter((c) => c !== top);
  if (loops === 1 || rest.length < 2) return {found: [top, ...(await removal(pick, rest))], ordered: true};
  const reversed = [...rest].reverse();
  const [next, last] = await Promise.all([pick(rest), pick(reversed)]);
  if (next === undefined || last === undefined || next === last) {
    const picked = next ?? last;
    if (picked === undefined) return {found: [top], ordered: true};
    const more = await removal(
      pick,
      rest.filter((c) => c !== picked),
    );
    // Two hellos that still held two or more accepted members and got the same one: a client-order server cannot do that.
    return {found: [top, picked, ...more], ordered: true, ...(next === last && more.length > 0 ? {serverPreference: true as const} : {})};
  }
  const others = rest.filter((c) => c !== next && c !== last);
  const slices = Array.from({length: loops}, (_, i) => others.filter((_, j) => j % loops === i)).filter((slice) => slice.length > 0);
  const found = new Set([top, next, last, ...(await Promise.all(slices.map((slice) => removal(pick, slice)))).flat()]);
  return {found: offer.filter((c) => found.has(c)), ordered: false};
}

/** Bounds how many connections are open at once. */
class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * One connection, opened before its hello is known: a loop's next connection is made while its
 * current hello is out, so each hello costs one round trip instead of two (TCP's handshake, then
 * TLS's). It holds its slots from connect until the server has closed it too.
 */
interface Line {
  /** Writes `hello` once connected; resolves with the answer as soon as it is read, before the close. */
  send(hello: Uint8Array, want: Want): Promise<Outcome>;
  /** Whether it broke or was closed before any hello was written on it: a spare to pass over. */
  readonly lost: boolean;
  /** Settles once the connection is closed on both sides. */
  readonly closed: Promise<void>;
}

interface LineOptions {
  /** Deadline of the connect, and of the answer once the hello is written. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** Called when a hello is written, to count ClientHellos sent. */
  readonly onSent: () => void;
}

function openLine(address: string, port: number, {timeoutMs, signal, onSent}: LineOptions): Line {
  const socket = net.connect({host: address, port});
  let want: Want = 'hello';
  let hello: Uint8Array | undefined;
  let connected = false;
  let written = false;
  let received = Buffer.alloc(0);
  let outcome: Outcome | undefined;
  let answer: ((outcome: Outcome) => void) | undefined;
  let onClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  const write = (): void => {
    if (!connected || !hello || written || outcome) return;
    written = true;
    clearTimeout(timer);
    timer = setTimeout(() => finish({kind: 'timeout'}), timeoutMs);
    onSent();
    socket.write(hello);
  };
  /** `graceful` after an answer: the connection ends once the server has closed it too (see closeGracefully). */
  const finish = (result: Outcome, graceful = false): void => {
    if (outcome) return;
    outcome = result;
    clearTimeout(timer);
    answer?.(result);
    const done = (): void => {
      signal.removeEventListener('abort', onAbort);
      onClosed();
    };
    if (graceful) {
      void closeGracefully(socket, Math.min(timeoutMs, CLOSE_GRACE_MS)).then(done);
      return;
    }
    socket.destroy();
    done();
  };
  // While a graceful close waits, an abort cuts it short.
  const onAbort = (): void => (outcome ? void socket.destroy() : finish({kind: 'aborted'}));
  let timer = setTimeout(() => finish({kind: 'timeout'}), timeoutMs);
  signal.addEventListener('abort', onAbort, {once: true});
  if (signal.aborted) onAbort();
  socket.setNoDelay(true);
  socket.once('connect', () => {
    connected = true;
    // Connected and idle: no deadline until a hello is written (the scan's own deadline still holds).
    if (!hello) clearTimeout(timer);
    write();
  });
  socket.on('data', (data: Buffer) => {
    if (outcome) return;
    received = Buffer.concat([received, data]);
    const cap = want === 'hello' ? HELLO_BYTES_CAP : FLIGHT_BYTES_CAP;
    const parsed = parseServerAnswer(received, want);
    if (parsed) return finish(parsed, true);
    if (received.length > cap) finish({kind: 'malformed', reason: `no complete answer in the first ${cap} bytes`});
  });
  socket.once('end', () => finish(parseServerAnswer(received, want, true) ?? {kind: 'closed'}, true));
  socket.once('error', (error: NodeJS.ErrnoException) => {
    const code = error.code ?? 'unknown';
    if (code === 'ECONNREFUSED') return finish({kind: 'refused'});
    if (code === 'ECONNRESET' || code === 'EPIPE') return finish(parseServerAnswer(received, want, true) ?? {kind: 'reset'});
    if (code === 'ETIMEDOUT') return finish({kind: 'timeout'});
    finish({kind: 'network', code});
  });
  socket.once('close', () => finish({kind: 'closed'}));
  return {
    send(next, nextWant) {
      hello = next;
      want = nextWant;
      return new Promise<Outcome>((resolve) => {
        if (outcome) return resolve(outcome);
        answer = resolve;
        write();
      });
    },
    get lost() {
      return outcome !== undefined && !written;
    },
    closed,
  };
}

class Scanner {
  handshakes = 0;
  /** Connections opened ahead of the hellos that will use them. */
  private readonly spares: Promise<Line | undefined>[] = [];
  /** Hellos written and not answered yet. */
  private inFlight = 0;
  private readonly limiter: Limiter;
  private readonly loops: number;
  private readonly timeoutMs: number;
  private readonly gate: Gate;
  /** The https origin the hellos count against. */
  private readonly origin: string;

  constructor(
    private readonly endpoint: TlsEndpoint,
    private readonly address: string,
    private readonly signal: AbortSignal,
    options: TlsScanOptions,
  ) {
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.limiter = new Limiter(concurrency);
    this.timeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    this.gate = options.gate ?? Gate.open();
    const room = Math.floor(Math.min(concurrency, this.gate.limiter.perOrigin) / SLOTS_PER_LOOP);
    this.loops = Math.max(1, options.loops ?? Math.min(MAX_LOOPS, room));
    this.origin = `https://${net.isIPv6(endpoint.host) ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`;
  }

  fail(code: Parameters<typeof probeError>[0], message: string): never {
    throw new ProbeFailure(probeError(code, `${this.endpoint.host}:${this.endpoint.port}: ${message}`));
  }

  /**
   * Sends one hello. Answers and refusals (alert, close, reset, not TLS) are returned; a stall, a
   * garbled answer or a network failure ends the scan, since every later result would be suspect.
   * `lenient` (SSLv2 only) returns stalls and garbage as refusals: many TLS stacks wait on an SSLv2 hello.
   */
  async send(hello: Uint8Array, want: Want, what: string, lenient = false): Promise<Outcome> {
    const spare = await this.spares.shift();
    const ready = spare && !spare.lost;
    const line = ready ? spare : await this.line();
    this.inFlight++;
    const answer = line.send(hello, want);
    // The next hello of this loop (or another) will find a connection ready.
    if (this.spares.length < this.inFlight) this.spares.push(this.line().catch(() => undefined));
    let out = await answer;
    this.inFlight--;
    // A spare the server dropped just as the hello reached it is no refusal: ask again on a fresh connection.
    if (ready && (out.kind === 'closed' || out.kind === 'reset')) out = await (await this.line()).send(hello, want);
    switch (out.kind) {
      case 'aborted':
        throw this.stopped();
      case 'refused':
        return this.fail('connection-refused', 'connection refused');
      case 'network':
        return this.fail('connection-refused', `cannot connect (${out.code})`);
      case 'timeout':
        return lenient ? out : this.fail('timeout', `no answer to a ${what} ClientHello within ${this.timeoutMs} ms`);
      case 'malformed':
        return lenient ? out : this.fail('protocol', `invalid answer to a ${what} ClientHello: ${out.reason}`);
      default:
        return out;
    }
  }

  stopped(): ProbeFailure {
    return new ProbeFailure(
      stoppedError(this.signal, `${this.endpoint.host}:${this.endpoint.port}: the scan deadline passed after ${this.handshakes} ClientHellos`),
    );
  }

  /**
   * A connection with its slots: this scan's own limit, the target's budget and the run's per-origin
   * slot, all held until it is closed. Rejects when the budget is spent or the deadline passes first.
   */
  line(): Promise<Line> {
    return new Promise((resolve, reject) => {
      this.limiter
        .run(() =>
          this.signal.aborted
            ? Promise.reject(this.stopped())
            : this.gate.handshake(this.origin, this.signal, () => {
                const line = openLine(this.address, this.endpoint.port, {
                  timeoutMs: this.timeoutMs,
                  signal: this.signal,
                  onSent: () => this.handshakes++,
                });
                resolve(line);
                return line.closed;
              }),
        )
        .catch(reject);
    });
  }

  /** A ClientHello for this endpoint; TLS 1.3 ones carry an x25519 share unless `share` is false. */
  hello(version: HelloVersion, suites: readonly number[], extra: HelloExtras = {}): Buffer {
    const tls13 = version === 'TLSv1.3';
    return buildClientHello({
      version,
      suites,
      serverName: this.endpoint.host,
      groups: extra.groups ?? (tls13 ? ALL_GROUPS : EC_GROUPS),
      ...(tls13 && extra.share !== false ? {x25519Share: randomBytes(32)} : {}),
      ...(extra.fallbackScsv ? {fallbackScsv: true} : {}),
      ...(extra.compression ? {compression: true} : {}),
    });
  }

  /** The suite the server chose when it accepted `version` (a HelloRetryRequest names one too). */
  chosenSuite(out: Outcome, version: HelloVersion, offered: readonly number[]): number | undefined {
    if (out.kind !== 'hello' || out.hello.version !== VERSION_CODES[version]) return undefined;
    if (out.hello.helloRetry && version !== 'TLSv1.3') return undefined;
    if (!offered.includes(out.hello.cipherSuite))
      return this.fail('protocol', `the server chose ${suiteName(out.hello.cipherSuite)}, which the ${version} ClientHello did not offer`);
    return out.hello.cipherSuite;
  }

  /** A Pick of `version`'s suites; `seen` keeps the first ServerHello that accepted one. */
  suitePick(version: HelloVersion, seen: {hello?: ServerHello}): Pick {
    return async (offer) => {
      const out = await this.send(this.hello(version, offer), 'hello', version);
      const chosen = this.chosenSuite(out, version, offer);
      if (chosen !== undefined && out.kind === 'hello') seen.hello ??= out.hello;
      return chosen;
    };
  }

  /** The server's order of suites it is known to accept: offer them all, take its pick, repeat; the last needs no hello. */
  async serverOrder(version: HelloVersion, suites: readonly number[]): Promise<number[]> {
    const remaining = [...suites];
    const ordered: number[] = [];
    while (remaining.length > 1) {
      const pick = this.chosenSuite(await this.send(this.hello(version, remaining), 'hello', version), version, remaining);
      // A refusal of suites it accepted a moment ago: keep the order found for the rest.
      if (pick === undefined) break;
      ordered.push(pick);
      remaining.splice(remaining.indexOf(pick), 1);
    }
    return [...ordered, ...remaining];
  }

  /** The first hello of a version: the first chunk of its suites, whose answer says whether the version is there at all. */
  async open(version: HelloVersion): Promise<Opening> {
    // offerChunks always returns at least one chunk; an empty one would offer no suites.
    const [head = [], ...tail] = offerChunks(version);
    const first = await this.send(this.hello(version, head), 'hello', version);
    const top = this.chosenSuite(first, version, head);
    return {version, head, tail, first, ...(top === undefined ? {} : {top})};
  }

  async enumerate({version, head, tail, first, top}: Opening): Promise<VersionResult> {
    const seen: {hello?: ServerHello} = first.kind === 'hello' && top !== undefined ? {hello: first.hello} : {};
    // A protocol_version alert, or no TLS at all, refuses the version itself: other suites cannot change that.
    if (top === undefined && ((first.kind === 'alert' && first.description === ALERT_PROTOCOL_VERSION) || first.kind === 'not-tls'))
      return {version, first, suites: []};
    const pick = this.suitePick(version, seen);
    const [headRun, tailRuns] = await Promise.all([
      top === undefined ? Promise.resolve<PickRun>({found: [], ordered: true}) : enumeratePicks(pick, head, top, this.loops),
      Promise.all(tail.map(async (c): Promise<PickRun> => ({found: await removal(pick, c), ordered: true}))),
    ]);
    const runs = [headRun, ...tailRuns];
    let suites = runs.flatMap((r) => r.found);
    const base = {version, first, ...(seen.hello ? {firstHello: seen.hello} : {})};
    // More suites than fit one hello cannot be ordered against each other: keep the order found.
    if (suites.length < 2 || suites.length > SUITES_PER_HELLO) return {...base, suites};
    let serverPreference: boolean | undefined = headRun.serverPreference;
    let preferred: number | undefined;
    if (serverPreference === undefined) {
      // Offered in reverse, a server that follows the client picks the last suite found.
      const reversed = [...suites].reverse();
      preferred = this.chosenSuite(await this.send(this.hello(version, reversed), 'hello', version), version, reversed);
      if (preferred === undefined) return {...base, suites};
      serverPreference = preferred !== suites.at(-1);
    }
    // Suites found in different chunks or slices: each run's removal order is the server's, the merge needs one more loop.
    if (serverPreference && (runs.filter((r) => r.found.length > 0).length > 1 || runs.some((r) => !r.ordered))) {
      const top = preferred;
      suites =
        top === undefined
          ? await this.serverOrder(version, suites)
          : [
              top,
              ...(await this.serverOrder(
                version,
                suites.filter((s) => s !== top),
              )),
            ];
    }
    return {...base, suites, serverPreference};
  }

  async sslv2(): Promise<VersionResult> {
    const kinds = suitesFor('SSLv2').map((s) => s.code);
    const first = await this.send(buildSslv2ClientHello(kinds), 'hello', 'SSLv2', true);
    // A server that speaks SSLv2 but shares no cipher is still an SSLv2 server (CVE-2015-3197).
    return {version: 'SSLv2', first, suites: first.kind === 'sslv2-hello' ? first.cipherKinds : []};
  }

  /** TLS 1.3 groups: with no key share the server names the group it wants in a HelloRetryRequest. */
  async groups13(suites: readonly number[]): Promise<number[]> {
    const pick: Pick = async (offer) => {
      const out = await this.send(this.hello('TLSv1.3', suites, {groups: offer, share: false}), 'hello', 'TLSv1.3');
      const group = out.kind === 'hello' && out.hello.helloRetry ? out.hello.group : undefined;
      return group !== undefined && offer.includes(group) ? group : undefined;
    };
    const top = await pick(ALL_GROUPS);
    return top === undefined ? [] : (await enumeratePicks(pick, ALL_GROUPS, top, this.loops)).found;
  }

  /** ECDHE groups of TLS ≤ 1.2, one hello per group, read from the ServerKeyExchange; `known` ones are not asked again. */
  async groupsEcdhe(version: HelloVersion, suites: readonly number[], known: readonly number[]): Promise<number[]> {
    const remaining = EC_GROUPS.filter((g) => !known.includes(g));
    const found: number[] = [];
    while (remaining.length > 0) {
      const out = await this.send(this.hello(version, suites, {groups: remaining}), 'key-exchange', version);
      const group = out.kind === 'hello' && out.serverKeyExchange ? ecdheGroup(out.serverKeyExchange) : undefined;
      if (group === undefined || found.includes(group) || known.includes(group)) break;
      found.push(group);
      // A server that ignores supported_groups would answer the same forever.
      if (!remaining.includes(group)) break;
      remaining.splice(remaining.indexOf(group), 1);
    }
    return found;
  }

  /** Bits of the DH prime, for export and regular DHE separately (export suites may use a weaker prime). */
  async dhBits(version: HelloVersion, dheSuites: readonly number[]): Promise<number | undefined> {
    const exportGrade = dheSuites.filter((c) => suiteByCode(c)?.export);
    const classes = [exportGrade, dheSuites.filter((c) => !exportGrade.includes(c))].filter((c) => c.length > 0);
    const bits = await Promise.all(
      classes.map(async (c) => {
        const out = await this.send(this.hello(version, c.slice(0, SUITES_PER_HELLO)), 'key-exchange', version);
        return out.kind === 'hello' && out.serverKeyExchange ? dhPrimeBits(out.serverKeyExchange) : undefined;
      }),
    );
    const known = bits.filter((b): b is number => b !== undefined);
    return known.length > 0 ? Math.min(...known) : undefined;
  }
}

/** Resolves once, so a scan of hundreds of hellos makes one DNS query. */
async function resolve(host: string, signal: AbortSignal): Promise<string> {
  if (net.isIP(host) !== 0) return host;
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new ProbeFailure(stoppedError(signal, `the scan deadline passed while resolving ${host}`)));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, {once: true});
  });
  try {
    return (await Promise.race([lookup(host), aborted])).address;
  } catch (error) {
    if (error instanceof ProbeFailure) throw error;
    throw new ProbeFailure(probeError('dns', `cannot resolve ${host} (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'})`));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function toSuites(codes: readonly number[], version: TlsVersion): TlsSuite[] {
  return codes.map((code) => ({code, name: suiteName(code, version)}));
}

/** Scans one host:port. Throws ProbeFailure when the port does not speak TLS or stops answering. */
export async function scanTls(endpoint: TlsEndpoint, options: TlsScanOptions): Promise<TlsScan> {
  const started = performance.now();
  // Aborted when the scan ends for any reason, so no socket outlives it.
  const scope = new AbortController();
  const signal = AbortSignal.any([options.signal, scope.signal]);
  // One listener per connection open or waiting for a slot: up to two per loop (its hello, the next
  // connection opened ahead), MAX_LOOPS per version and for the groups, and the closing ones.
  setMaxListeners(100, signal);
  try {
    const address = await resolve(endpoint.host, signal);
    const scanner = new Scanner(endpoint, address, signal, options);
    const byVersion = new Map<TlsVersion, Promise<VersionResult>>([['SSLv2', scanner.sslv2()]]);
    const openings = new Map(TLS_HELLO_VERSIONS.map((v) => [v, scanner.open(v)]));
    for (const [v, opening] of openings)
      byVersion.set(
        v,
        opening.then((o) => scanner.enumerate(o)),
      );
    const get = (v: TlsVersion): Promise<VersionResult> => {
      const pending = byVersion.get(v);
      // Cannot happen: SSLv2 and TLS_HELLO_VERSIONS, set just above, are all of TLS_VERSIONS.
      if (!pending) throw new Error(`internal error: no TLS scan was started for ${v}`);
      return pending;
    };

    const opening = (v: HelloVersion): Promise<Opening> => openings.get(v) ?? Promise.reject(new Error(`internal error: no ${v} opening`));
    const ecdhe = (c: number): boolean => suiteByCode(c)?.kx === 'ECDH';
    // TLS 1.3 groups start as soon as one 1.3 suite is known; the ECDHE groups of 1.2 only ask for groups 1.3 did not show.
    const groups13 = opening('TLSv1.3').then((o) => (o.top === undefined ? [] : scanner.groups13([o.top])));
    // The ECDHE groups of TLS 1.2 need no more than 1.2 itself: offered every ECDHE suite, the server
    // picks one it has and names its group; an answer without one means 1.2 has none (see legacyGroups).
    const ecdheOffer = offerChunks('TLSv1.2').flat().filter(ecdhe).slice(0, SUITES_PER_HELLO);
    const groups12 = opening('TLSv1.2').then(async (o) =>
      o.top === undefined ? undefined : scanner.groupsEcdhe('TLSv1.2', ecdheOffer, await groups13),
    );
    // Their failures surface where they are awaited; this only keeps an earlier failure from leaving them unhandled.
    groups13.catch(() => undefined);
    groups12.catch(() => undefined);
    const results = await Promise.all(TLS_VERSIONS.map(get));
    const result = (v: TlsVersion): VersionResult => {
      const found = results[TLS_VERSIONS.indexOf(v)];
      // Cannot happen: `results` holds one entry per member of TLS_VERSIONS, in its order.
      if (!found) throw new Error(`internal error: no TLS scan result for ${v}`);
      return found;
    };
    const offered = (r: VersionResult): boolean => r.suites.length > 0 || r.first.kind === 'sslv2-hello';

    const tlsAnswers = TLS_HELLO_VERSIONS.map((v) => result(v).first);
    if (!results.some(offered)) {
      const [firstAnswer] = tlsAnswers;
      if (firstAnswer && tlsAnswers.every((o) => o.kind === 'not-tls')) scanner.fail('protocol', `not TLS: ${describe(firstAnswer)}`);
      if (!tlsAnswers.some((o) => o.kind === 'alert' || o.kind === 'hello'))
        scanner.fail('connection-reset', `no TLS answer to any ClientHello (${[...new Set(tlsAnswers.map(describe))].join(', ')})`);
    }

    const legacy = (['TLSv1.2', 'TLSv1.1', 'TLSv1.0', 'SSLv3'] as const).map((v) => ({...result(v), version: v})).filter((r) => r.suites.length > 0);
    const best = legacy[0];
    const dhe = (c: number): boolean => /^DH($|\()/.test(suiteByCode(c)?.kx ?? '');
    // SSLv3 hellos carry no supported_groups, so ECDHE groups are asked at TLS 1.0 or later.
    const ecdheAt = legacy.find((r) => r.version !== 'SSLv3' && r.suites.some(ecdhe));
    const dheAt = legacy.find((r) => r.suites.some(dhe));
    const fallbackAt = TLS_HELLO_VERSIONS.filter((v) => result(v).suites.length > 0).reverse()[1];

    const [groupsTls13, groupsLegacy, fallbackScsv, compression, dhBits] = await Promise.all([
      groups13,
      (async () => {
        if (!ecdheAt) return [];
        const early = ecdheAt.version === 'TLSv1.2' ? await groups12 : undefined;
        return early ?? scanner.groupsEcdhe(ecdheAt.version, ecdheAt.suites.filter(ecdhe), await groups13);
      })(),
      fallbackAt === undefined
        ? undefined
        : scanner
            .send(scanner.hello(fallbackAt, result(fallbackAt).suites.slice(0, SUITES_PER_HELLO), {fallbackScsv: true}), 'hello', fallbackAt)
            // inappropriate_fallback is the answer RFC 7507 asks for; any refusal counts, as the same hello without the SCSV was accepted.
            .then((out) => !(out.kind === 'hello' && out.hello.version === VERSION_CODES[fallbackAt])),
      best === undefined
        ? false
        : scanner
            .send(scanner.hello(best.version, best.suites.slice(0, SUITES_PER_HELLO), {compression: true}), 'hello', best.version)
            .then((out) => out.kind === 'hello' && out.hello.compression === COMPRESSION_DEFLATE),
      dheAt ? scanner.dhBits(dheAt.version, dheAt.suites.filter(dhe)) : undefined,
    ]);

    const protocols: TlsProtocolScan[] = results.map((r) => ({
      version: r.version,
      offered: offered(r),
      suites: toSuites(r.suites, r.version),
      ...(r.serverPreference === undefined ? {} : {serverPreference: r.serverPreference}),
    }));
    const secureRenegotiation = best?.firstHello?.secureRenegotiation;
    return {
      host: endpoint.host,
      port: endpoint.port,
      protocols,
      groups: [...groupsTls13, ...groupsLegacy].map((code) => ({code, name: groupName(code)})),
      ...(fallbackScsv === undefined ? {} : {fallbackScsv}),
      compression,
      ...(secureRenegotiation === undefined ? {} : {secureRenegotiation}),
      ...(dhBits === undefined ? {} : {dhBits}),
      handshakes: scanner.handshakes,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    scope.abort();
  }
}

export const tlsScanProbe: Probe<'TlsScan'> = {
  artifact: 'TlsScan',
  title: 'Enumerate TLS versions and cipher suites',
  plan(target) {
    if (target.url.protocol !== 'https:') return [];
    const at = target.url.host;
    return [
      `SSLv2 CLIENT-HELLO to ${at} (raw TCP; no handshake is completed, no request is sent)`,
      `ClientHellos to ${at} for SSLv3, TLS 1.0, 1.1, 1.2, 1.3: one per accepted suite plus one per 125 suites offered and per slice enumerated side by side`,
      `ClientHellos to ${at} for the server's suite order, each key-exchange group, TLS_FALLBACK_SCSV, DEFLATE and the DH prime size`,
    ];
  },
  async gather(target: Target, ctx) {
    const url = target.url;
    if (url.protocol !== 'https:')
      throw new ProbeFailure(probeError('not-applicable', `${url.protocol}// target: there is no TLS to scan`, url.href));
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return scanTls({host, port: Number(url.port || 443)}, {signal: ctx.signal, ...(ctx.gate ? {gate: ctx.gate} : {})});
  },
};
