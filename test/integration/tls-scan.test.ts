/**
 * The TlsScan probe against real servers on loopback: nginx (Debian, OpenSSL 3.0) with Mozilla's
 * modern and intermediate configs and a legacy one, and gnutls-serv serving 3DES and RC4, which
 * no Node or Debian OpenSSL client can offer. Each scan is compared with what `sslscan` and
 * `openssl s_client` observe on the same server. Hostile ports (stalling, plain HTTP, resetting,
 * closed) must give a clear ProbeFailure within a bound, never a hang.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {makeTarget} from '../../src/core/target.js';
import type {TlsScan, TlsVersion} from '../../src/core/types.js';
import {suiteByOpenSslName, suiteInfo} from '../../src/lib/tls/suites.js';
import {ProbeFailure} from '../../src/probes/failure.js';
import {HttpClient} from '../../src/probes/http.js';
import type {ProbeContext} from '../../src/probes/probe.js';
import {scanTls, tlsScanProbe} from '../../src/probes/tls-scan.js';
import {testCerts} from '../helpers/certs.js';
import {startGnutls} from '../helpers/gnutls.js';
import {dhParamFile, LEGACY_CIPHERS, startNginx, tlsServerConfig} from '../helpers/nginx.js';
import {within} from '../helpers/within.js';
import {closedPort, HOST, startHttpServer, startRawServer, type TestServer} from '../helpers/servers.js';

const run = promisify(execFile);

const GNUTLS_PRIORITY =
  'NONE:+VERS-TLS1.2:+VERS-TLS1.1:+VERS-TLS1.0:+AES-128-GCM:+AES-128-CBC:+3DES-CBC:+ARCFOUR-128:+AEAD:+SHA1:+RSA:+ECDHE-RSA:+SIGN-ALL:+COMP-NULL:+GROUP-ALL:%SERVER_PRECEDENCE';

const closers: (() => Promise<void>)[] = [];
const ports: Record<'modern' | 'intermediate' | 'legacy' | 'gnutls', number> = {modern: 0, intermediate: 0, legacy: 0, gnutls: 0};
const scans = new Map<string, TlsScan>();
let dhDir: string;

const portOf = (url: string): number => Number(new URL(url).port);

beforeAll(async () => {
  const certs = await testCerts();
  const tls = {certFile: certs.certFile, keyFile: certs.keyFile};
  dhDir = mkdtempSync(join(tmpdir(), 'shipcheck-dh-'));
  // ffdhe2048 is what Mozilla ships; modp_1536 is a legacy-grade prime.
  const [ffdhe2048, modp1536] = [dhParamFile('ffdhe2048', dhDir), dhParamFile('modp_1536', dhDir)];
  const [modern, intermediate, legacy, gnutls] = await Promise.all([
    startNginx({tls, server: tlsServerConfig('modern')}),
    startNginx({tls, server: tlsServerConfig('intermediate', ffdhe2048)}),
    startNginx({tls, server: tlsServerConfig('legacy', modp1536)}),
    startGnutls({...tls, priority: GNUTLS_PRIORITY}),
  ]);
  closers.push(
    () => modern.close(),
    () => intermediate.close(),
    () => legacy.close(),
    () => gnutls.close(),
  );
  Object.assign(ports, {
    modern: portOf(modern.httpsUrl),
    intermediate: portOf(intermediate.httpsUrl),
    legacy: portOf(legacy.httpsUrl),
    gnutls: gnutls.port,
  });
}, 30_000);

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  rmSync(dhDir, {recursive: true, force: true});
});

/** How long a request may take before the test calls it a hang. */
const SETTLE_BOUND_MS = 8000;

/** One scan per server, shared by the tests that read it. */
async function scanOf(server: keyof typeof ports): Promise<TlsScan> {
  const cached = scans.get(server);
  if (cached) return cached;
  const scan = await within(scanTls({host: HOST, port: ports[server]}, {signal: AbortSignal.timeout(20_000)}), 20_000);
  scans.set(server, scan);
  return scan;
}

const offered = (scan: TlsScan): TlsVersion[] => scan.protocols.filter((p) => p.offered).map((p) => p.version);
const protocol = (scan: TlsScan, version: TlsVersion) => scan.protocols.find((p) => p.version === version)!;
const names = (scan: TlsScan, version: TlsVersion): string[] => protocol(scan, version).suites.map((s) => s.name);

async function rejection(promise: Promise<unknown>): Promise<ProbeFailure> {
  const error = await within(
    promise.then(
      () => undefined,
      (e: unknown) => e,
    ),
    SETTLE_BOUND_MS,
  );
  if (!(error instanceof ProbeFailure)) throw new Error(`expected a ProbeFailure, got ${String(error)}`);
  return error;
}

interface Sslscan {
  readonly enabled: TlsVersion[];
  readonly ciphers: {version: TlsVersion; code: number; name: string; preferred: boolean}[];
  readonly groups: number[];
  /** Only when sslscan's default handshake was TLS ≤ 1.2: TLS 1.3 has no renegotiation to judge. */
  readonly secureRenegotiation?: boolean;
}

const SSLSCAN_VERSIONS: Record<string, TlsVersion> = {
  ssl2: 'SSLv2',
  ssl3: 'SSLv3',
  'tls1.0': 'TLSv1.0',
  'tls1.1': 'TLSv1.1',
  'tls1.2': 'TLSv1.2',
  'tls1.3': 'TLSv1.3',
};

/** sslscan's XML report (2.0.x): protocols, accepted ciphers by id and name, groups, renegotiation. */
async function sslscan(port: number): Promise<Sslscan> {
  // Async on purpose: the gnutls bridge runs in this process, and a blocking spawn would stall it.
  const {stdout} = await run('sslscan', ['--no-colour', '--xml=-', `${HOST}:${port}`], {timeout: 60_000});
  const attrs = (tag: string): Record<string, string>[] =>
    [...stdout.matchAll(new RegExp(`<${tag} ([^>]*)/>`, 'g'))].map((m) =>
      Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
    );
  const renegotiation = attrs('renegotiation')[0];
  return {
    enabled: attrs('protocol')
      .filter((p) => p.enabled === '1')
      .map((p) => SSLSCAN_VERSIONS[`${p.type}${p.version}`]!),
    ciphers: attrs('cipher').map((c) => ({
      version: c.sslversion!.replace(/^TLSv1$/, 'TLSv1.0') as TlsVersion,
      code: Number.parseInt(c.id!, 16),
      name: c.cipher!,
      preferred: c.status === 'preferred',
    })),
    groups: attrs('group').map((g) => Number.parseInt(g.id!, 16)),
    ...(renegotiation?.supported === '1' ? {secureRenegotiation: renegotiation.secure === '1'} : {}),
  };
}

/** One `openssl s_client` handshake at one version: what it negotiated, or undefined when refused. */
async function sClient(port: number, version: TlsVersion): Promise<{protocol: string; suite: string} | undefined> {
  const flag = {'TLSv1.0': '-tls1', 'TLSv1.1': '-tls1_1', 'TLSv1.2': '-tls1_2', 'TLSv1.3': '-tls1_3'}[version as string];
  if (!flag) throw new Error(`s_client cannot test ${version}`);
  const child = run('openssl', ['s_client', '-connect', `${HOST}:${port}`, flag, '-cipher', LEGACY_CIPHERS, '-brief'], {timeout: 10_000});
  child.child.stdin?.end();
  const {stdout, stderr} = await child.catch((error: unknown) => {
    // execFile rejects on a non-zero exit, with both outputs on the error.
    const e = error as {stdout?: string; stderr?: string};
    return {stdout: e.stdout ?? '', stderr: e.stderr ?? ''};
  });
  const text = `${stdout}\n${stderr}`;
  const negotiated = /Protocol version: (\S+)/.exec(text)?.[1];
  const suite = /Ciphersuite: (\S+)/.exec(text)?.[1];
  return negotiated && suite ? {protocol: negotiated.replace(/^TLSv1$/, 'TLSv1.0'), suite} : undefined;
}

describe('scanTls against nginx and gnutls-serv', () => {
  it('finds only TLS 1.3 on Mozilla modern nginx, its three suites and three groups', async () => {
    const scan = await scanOf('modern');
    expect(offered(scan)).toEqual(['TLSv1.3']);
    expect(names(scan, 'TLSv1.3').sort()).toEqual(['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']);
    expect(scan.groups.map((g) => g.name)).toEqual(['x25519', 'secp256r1', 'secp384r1']);
    expect(scan).toMatchObject({host: HOST, port: ports.modern, compression: false});
    expect(scan.fallbackScsv).toBeUndefined();
    expect(scan.secureRenegotiation).toBeUndefined();
    expect(scan.dhBits).toBeUndefined();
    expect(scan.protocols.map((p) => p.version)).toEqual(['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
  });

  it('finds TLS 1.2 and 1.3 on Mozilla intermediate nginx, the RSA suites of its list, no server order, a 2048-bit DH prime', async () => {
    const scan = await scanOf('intermediate');
    expect(offered(scan)).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(names(scan, 'TLSv1.2').sort()).toEqual(
      [
        'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
        'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
        'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
        'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
        'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
        'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
      ].sort(),
    );
    expect(protocol(scan, 'TLSv1.2').serverPreference).toBe(false);
    expect(protocol(scan, 'TLSv1.3').serverPreference).toBe(false);
    expect(scan.groups.map((g) => g.name)).toEqual(['x25519', 'secp256r1', 'secp384r1']);
    expect(scan).toMatchObject({fallbackScsv: true, secureRenegotiation: true, compression: false, dhBits: 2048});
  });

  it('finds TLS 1.0–1.2 on legacy nginx with static RSA, CBC and anonymous suites, in the server’s own order', async () => {
    const scan = await scanOf('legacy');
    expect(offered(scan)).toEqual(['TLSv1.0', 'TLSv1.1', 'TLSv1.2']);
    for (const v of ['TLSv1.0', 'TLSv1.1', 'TLSv1.2'] as const) {
      expect(protocol(scan, v).serverPreference).toBe(true);
      const expected = ['TLS_RSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 'TLS_DH_anon_WITH_AES_128_CBC_SHA'];
      expect(names(scan, v)).toEqual(expect.arrayContaining(expected));
    }
    // The server's order is OpenSSL's order of its cipher string, restricted to what an RSA certificate can serve.
    const {stdout} = await run('openssl', ['ciphers', '-V', LEGACY_CIPHERS]);
    const configured = [...stdout.matchAll(/0x([0-9A-F]{2}),0x([0-9A-F]{2})/g)].map((m) => Number.parseInt(m[1]! + m[2]!, 16));
    const found = protocol(scan, 'TLSv1.2').suites.map((s) => s.code);
    expect(found).toEqual(configured.filter((c) => found.includes(c)));
    expect(scan).toMatchObject({fallbackScsv: true, secureRenegotiation: true, compression: false, dhBits: 1536});
  });

  it('finds 3DES and RC4 on gnutls-serv, which no Node client can offer, in the server’s order', async () => {
    const scan = await scanOf('gnutls');
    expect(offered(scan)).toEqual(['TLSv1.0', 'TLSv1.1', 'TLSv1.2']);
    expect(names(scan, 'TLSv1.2')).toEqual([
      'TLS_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_RSA_WITH_AES_128_CBC_SHA',
      'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
      'TLS_RSA_WITH_RC4_128_SHA',
      'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
      'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
      'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
    ]);
    expect(names(scan, 'TLSv1.0')).toEqual(names(scan, 'TLSv1.2').filter((n) => !n.includes('GCM')));
    expect(protocol(scan, 'TLSv1.2').serverPreference).toBe(true);
    expect(scan.groups.map((g) => g.name)).toEqual(expect.arrayContaining(['x25519', 'secp256r1', 'secp384r1']));
    expect(scan).toMatchObject({fallbackScsv: true, secureRenegotiation: true, compression: false});
  });

  it.each(['modern', 'intermediate', 'legacy', 'gnutls'] as const)(
    'reports at least everything sslscan reports on %s',
    async (server) => {
      const scan = await scanOf(server);
      const theirs = await within(sslscan(ports[server]), 60_000);
      expect(offered(scan)).toEqual(theirs.enabled);
      for (const c of theirs.ciphers) {
        // sslscan prints OpenSSL's name where OpenSSL has one, else IANA's: both map to the code point it also prints.
        expect((suiteByOpenSslName(c.name) ?? suiteInfo(c.name))?.code).toBe(c.code);
        expect(protocol(scan, c.version).suites.map((s) => s.code)).toContain(c.code);
        if (c.preferred && protocol(scan, c.version).serverPreference) expect(protocol(scan, c.version).suites[0]!.code).toBe(c.code);
      }
      expect(scan.groups.map((g) => g.code)).toEqual(expect.arrayContaining(theirs.groups));
      if (theirs.secureRenegotiation !== undefined) expect(scan.secureRenegotiation).toBe(theirs.secureRenegotiation);
    },
    90_000,
  );

  it.each(['modern', 'intermediate', 'legacy', 'gnutls'] as const)(
    'agrees with openssl s_client on %s at every version',
    async (server) => {
      const scan = await scanOf(server);
      for (const version of ['TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const) {
        const theirs = await sClient(ports[server], version);
        const ours = protocol(scan, version);
        expect({version, offered: theirs !== undefined}).toEqual({version, offered: ours.offered});
        if (!theirs) continue;
        expect(theirs.protocol).toBe(version);
        const code = suiteByOpenSslName(theirs.suite)?.code;
        expect(ours.suites.map((s) => s.code)).toContain(code);
        if (ours.serverPreference) expect(ours.suites[0]!.code).toBe(code);
      }
    },
    60_000,
  );

  it('counts its ClientHellos and stays within a few per accepted suite', async () => {
    for (const server of ['modern', 'intermediate', 'legacy', 'gnutls'] as const) {
      const scan = await scanOf(server);
      const accepted = scan.protocols.reduce((n, p) => n + p.suites.length, 0) + scan.groups.length;
      // One hello per accepted suite and group, one refusal per chunk, plus the fixed probes: never hundreds.
      expect(scan.handshakes).toBeGreaterThan(accepted);
      expect(scan.handshakes).toBeLessThan(accepted + 40);
      expect(scan.durationMs).toBeGreaterThan(0);
    }
  });
});

describe('tlsScanProbe', () => {
  function context(deadlineMs = 15_000): ProbeContext {
    const signal = AbortSignal.timeout(deadlineMs);
    return {client: new HttpClient({signal, requestTimeoutMs: 2000, maxBodyBytes: 1024}), signal};
  }

  it('scans the host:port of an https target', async () => {
    const scan = await within(tlsScanProbe.gather(makeTarget({url: `https://${HOST}:${ports.modern}/app`}), context()), 20_000);
    expect(scan).toMatchObject({host: HOST, port: ports.modern});
    expect(offered(scan)).toEqual(['TLSv1.3']);
    expect(tlsScanProbe.plan(makeTarget({url: `https://${HOST}:${ports.modern}/`}))).toHaveLength(3);
  });

  it('does not apply to an http:// target and plans nothing for it', async () => {
    const target = makeTarget({url: `http://${HOST}:${ports.modern}/`});
    expect((await rejection(tlsScanProbe.gather(target, context()))).probeError.code).toBe('not-applicable');
    expect(tlsScanProbe.plan(target)).toEqual([]);
  });
});

describe('scanTls against hostile ports', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });
  const track = async (server: Promise<TestServer>): Promise<TestServer> => {
    const s = await server;
    servers.push(s);
    return s;
  };
  const options = {signal: AbortSignal.timeout(15_000), handshakeTimeoutMs: 400};

  it('gives up on a server that accepts and never answers, naming the hello and the wait', async () => {
    const silent = await track(startRawServer(() => {}));
    const failure = await rejection(scanTls({host: HOST, port: silent.port}, options));
    expect(failure.probeError.code).toBe('timeout');
    expect(failure.message).toMatch(/no answer to a (SSLv3|TLSv1\.\d) ClientHello within 400 ms/);
  });

  it('says an HTTP server on the port is not TLS, quoting its answer', async () => {
    const http = await track(startHttpServer((_, res) => res.end('hello')));
    const failure = await rejection(scanTls({host: HOST, port: http.port}, options));
    expect(failure.probeError.code).toBe('protocol');
    expect(failure.message).toContain('HTTP/1.1 400 Bad Request');
  });

  it('reports a server that closes every connection without a word', async () => {
    const closing = await track(startRawServer((socket) => socket.destroy()));
    const failure = await rejection(scanTls({host: HOST, port: closing.port}, options));
    expect(failure.probeError.code).toBe('connection-reset');
    expect(failure.message).toContain('no TLS answer to any ClientHello');
  });

  it('reports a closed port as connection refused', async () => {
    const failure = await rejection(scanTls({host: HOST, port: await closedPort()}, options));
    expect(failure.probeError.code).toBe('connection-refused');
  });

  it('stops at the scan deadline even when one handshake may wait longer', async () => {
    const silent = await track(startRawServer(() => {}));
    const started = Date.now();
    const failure = await rejection(scanTls({host: HOST, port: silent.port}, {signal: AbortSignal.timeout(300), handshakeTimeoutMs: 60_000}));
    expect(failure.probeError.code).toBe('timeout');
    expect(failure.message).toContain('scan deadline');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
