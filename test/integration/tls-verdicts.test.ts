/**
 * The TLS family end to end: real servers with real certificate problems and real protocol and
 * suite choices, through the real probes and the scan pipeline, to the check that must report each
 * problem (and to nothing else failing by accident).
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {CHECKS} from '../../checks/index.js';
import {resolvePolicy} from '../../src/engine/policy.js';
import type {Preset} from '../../src/engine/config-schema.js';
import type {Report} from '../../src/core/report.js';
import {DEFAULTS, scan} from '../../src/engine/scan.js';
import {makeTarget} from '../../src/core/target.js';
import type {TlsProfile} from '../../src/core/types.js';
import {makeIntermediate, makeLeaf, makeLeafSignedBy, testCerts, type Leaf} from '../helpers/certs.js';
import {startGnutls} from '../helpers/gnutls.js';
import {dhParamFile, startNginx, tlsServerConfig} from '../helpers/nginx.js';
import {startHttpsServer, type TestServer} from '../helpers/servers.js';

const closers: (() => Promise<void>)[] = [];
let ca: string;

async function serve(leaf: Leaf, extraChain = ''): Promise<TestServer> {
  // Security level 0: OpenSSL 3 otherwise refuses to serve the SHA-1 and 1024-bit certificates at all.
  const server = await startHttpsServer(
    (_req, res) => res.end('ok'),
    {key: leaf.keyPem, cert: leaf.certPem + extraChain},
    {ciphers: 'DEFAULT:@SECLEVEL=0'},
  );
  closers.push(() => server.close());
  return server;
}

interface VerdictOptions {
  /** Trust the test CA as `--ca-file` would (default true). */
  readonly trustTestCa?: boolean;
  readonly preset?: Preset;
  readonly tlsProfile?: TlsProfile;
}

/** Scans only the TLS family. */
async function tlsVerdicts(
  url: string,
  options: VerdictOptions = {},
): Promise<{statuses: Record<string, string>; ids: Record<string, string[]>; report: Report}> {
  const {trustTestCa = true, preset = 'recommended', tlsProfile = 'intermediate'} = options;
  const report = await scan({
    targets: [makeTarget({url})],
    checks: CHECKS,
    policy: resolvePolicy(undefined, CHECKS, {only: ['tls'], preset}),
    timeoutMs: 30_000,
    requestTimeoutMs: 10_000,
    maxBodyBytes: 64 * 1024,
    concurrency: DEFAULTS.concurrency,
    perOrigin: DEFAULTS.perOrigin,
    maxRequests: DEFAULTS.maxRequests,
    ...(trustTestCa ? {ca: [ca]} : {}),
    progress: 'silent',
    version: 'test',
    tlsProfile,
  });
  const results = report.targets[0]!.results;
  return {
    statuses: Object.fromEntries(results.map((r) => [r.id, r.status])),
    ids: Object.fromEntries(results.map((r) => [r.id, r.findings.map((f) => f.messageId)])),
    report,
  };
}

/** The checks that did not pass, with the message ids they gave. */
const problems = (v: {statuses: Record<string, string>; ids: Record<string, string[]>}): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries(v.statuses)
      .filter(([, s]) => s !== 'pass')
      .map(([id]) => [id, v.ids[id]!]),
  );

beforeAll(async () => {
  ca = (await testCerts()).caPem;
}, 30_000);

afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
});

describe('certificate problems, each reported by the right check', () => {
  // Node's default TLS server also offers static-RSA and CBC suites: only the certificate checks
  // are compared here (the suites are judged on nginx and gnutls below).
  const certificateProblems = (v: Parameters<typeof problems>[0]): Record<string, string[]> =>
    Object.fromEntries(Object.entries(problems(v)).filter(([id]) => id.startsWith('certificate-')));

  it('a valid 90-day chain to the trusted CA: no certificate check fails', async () => {
    const server = await serve(await makeLeaf({name: 'v-good', days: 90}));
    expect(certificateProblems(await tlsVerdicts(server.url))).toEqual({});
  });

  it('an expired certificate: certificate-expiry (and trust, whose path has an expired link)', async () => {
    const server = await serve(await makeLeaf({name: 'v-expired', days: -1}));
    const v = await tlsVerdicts(server.url);
    expect(v.statuses['certificate-expiry']).toBe('fail');
    expect(v.ids['certificate-expiry']).toContain('expired');
  });

  it('a certificate for another host: certificate-host only', async () => {
    const server = await serve(await makeLeaf({name: 'v-wrong-host', days: 90, sans: ['DNS:other.example']}));
    expect(certificateProblems(await tlsVerdicts(server.url))).toEqual({'certificate-host': expect.any(Array)});
  });

  it('a self-signed certificate: certificate-trust says self-signed', async () => {
    const server = await serve(await makeLeaf({name: 'v-self', days: 90, selfSigned: true}));
    const v = await tlsVerdicts(server.url);
    expect(v.statuses['certificate-trust']).toBe('fail');
    expect(v.ids['certificate-trust']).toEqual(['self-signed']);
    expect(v.report.targets[0]!.tlsGrade?.grade).toBe('T');
  });

  it('an untrusted CA (no --ca-file): certificate-trust, never a pass', async () => {
    const server = await serve(await makeLeaf({name: 'v-untrusted', days: 90}));
    const v = await tlsVerdicts(server.url, {trustTestCa: false});
    expect(v.statuses['certificate-trust']).toBe('fail');
  });

  it('a 1024-bit RSA key: certificate-key', async () => {
    const server = await serve(await makeLeaf({name: 'v-rsa1024', days: 90, keyBits: 1024}));
    const v = await tlsVerdicts(server.url);
    expect(v.statuses['certificate-key']).toBe('fail');
  });

  it('a SHA-1 signature: certificate-key', async () => {
    const server = await serve(await makeLeaf({name: 'v-sha1', days: 90, sigHash: 'sha1'}));
    const v = await tlsVerdicts(server.url);
    expect(v.statuses['certificate-key']).toBe('fail');
  });

  it('a missing intermediate: certificate-trust; the same chain sent whole passes', async () => {
    const intermediate = await makeIntermediate('v-inter');
    const leaf = await makeLeafSignedBy(intermediate, {name: 'v-behind-inter', days: 90, caIssuersUrl: 'http://ca.example/inter.crt'});
    const bare = await tlsVerdicts((await serve(leaf)).url);
    expect(bare.statuses['certificate-trust']).toBe('fail');
    expect(bare.ids['certificate-trust']).toEqual(['incomplete-chain']);
    const whole = await tlsVerdicts((await serve(leaf, intermediate.certPem)).url);
    expect(whole.statuses['certificate-trust']).toBe('pass');
  });

  it('a certificate expiring in 5 days: certificate-expiry warns', async () => {
    const server = await serve(await makeLeaf({name: 'v-soon', days: 5}));
    const v = await tlsVerdicts(server.url);
    expect(v.statuses['certificate-expiry']).toBe('warn');
  });
});

describe('protocols and suites, on nginx and gnutls', () => {
  let tls: {certFile: string; keyFile: string};
  beforeAll(async () => {
    const leaf = await makeLeaf({name: 'v-nginx', days: 90});
    tls = {certFile: leaf.certFile, keyFile: leaf.keyFile};
  });

  it('Mozilla intermediate on nginx: every TLS check passes', async () => {
    const nginx = await startNginx({
      tls,
      server: tlsServerConfig('intermediate', dhParamFile('ffdhe2048', mkdtempSync(join(tmpdir(), 'shipcheck-dh-')))),
    });
    closers.push(() => nginx.close());
    expect(problems(await tlsVerdicts(nginx.httpsUrl))).toEqual({});
  });

  it('a legacy nginx: TLS 1.0/1.1, non-FS and CBC suites and a 1536-bit DH group fail by name', async () => {
    const nginx = await startNginx({tls, server: tlsServerConfig('legacy', dhParamFile('modp_1536', mkdtempSync(join(tmpdir(), 'shipcheck-dh-'))))});
    closers.push(() => nginx.close());
    const v = await tlsVerdicts(nginx.httpsUrl);
    expect(v.statuses).toMatchObject({'tls-protocols': 'fail', 'tls-ciphers': 'fail', 'forward-secrecy': 'fail', 'dh-params': 'fail'});
    const protocols = v.report.targets[0]!.results.find((r) => r.id === 'tls-protocols')!.findings.map((f) => String(f.evidence.protocol));
    expect(protocols).toEqual(expect.arrayContaining(['TLSv1.0', 'TLSv1.1']));
    expect(['B', 'C', 'F']).toContain(v.report.targets[0]!.tlsGrade?.grade);
  });

  it('TLS 1.3 only (Mozilla modern on nginx): tls-protocols passes under intermediate and old, noting the clients it shuts out', async () => {
    const nginx = await startNginx({tls, server: tlsServerConfig('modern')});
    closers.push(() => nginx.close());
    const intermediate = await tlsVerdicts(nginx.httpsUrl);
    expect(problems(intermediate)).toEqual({});
    expect(intermediate.ids['tls-protocols']).toEqual(['tls13-only']);
    // (Under old, tls-ciphers also warns that the client picks the suite: old's list is ordered for the server.)
    const old = await tlsVerdicts(nginx.httpsUrl, {tlsProfile: 'old'});
    expect({status: old.statuses['tls-protocols'], ids: old.ids['tls-protocols']}).toEqual({status: 'pass', ids: ['tls13-only']});
  });

  describe('CBC and static-RSA suites beside forward-secret AEAD ones (nginx, server order)', () => {
    // One suite of each kind on TLS 1.2, beside ECDHE-RSA-AES128-GCM-SHA256 and TLS 1.3's suites.
    const MIXED =
      "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:AES256-GCM-SHA384:AES128-SHA'; ssl_prefer_server_ciphers on;";
    const STATIC_RSA_AEAD = 'TLS_RSA_WITH_AES_256_GCM_SHA384';
    let url: string;
    beforeAll(async () => {
      const nginx = await startNginx({tls, server: MIXED});
      closers.push(() => nginx.close());
      url = nginx.httpsUrl;
    });

    /** The suites one check names, from its findings' evidence. */
    const suitesOf = (v: Awaited<ReturnType<typeof tlsVerdicts>>, id: string): string[] =>
      v.report.targets[0]!.results.find((r) => r.id === id)!
        .findings.map((f) => String(f.evidence.suite))
        .sort();

    it('warn by default, each static-RSA suite reported by forward-secrecy alone, and the grade is capped at A- naming both checks', async () => {
      const v = await tlsVerdicts(url);
      expect(problems(v)).toMatchObject({'tls-ciphers': ['cbc', 'cbc'], 'forward-secrecy': ['no-forward-secrecy', 'no-forward-secrecy']});
      expect(v.statuses).toMatchObject({'tls-protocols': 'pass', 'tls-ciphers': 'warn', 'forward-secrecy': 'warn', 'dh-params': 'pass'});
      expect(suitesOf(v, 'tls-ciphers')).toEqual(['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'TLS_RSA_WITH_AES_128_CBC_SHA']);
      expect(suitesOf(v, 'forward-secrecy')).toEqual(['TLS_RSA_WITH_AES_128_CBC_SHA', STATIC_RSA_AEAD]);
      const naming = v.report.targets[0]!.results.filter((r) => r.findings.some((f) => f.evidence.suite === STATIC_RSA_AEAD)).map((r) => r.id);
      expect(naming).toEqual(['forward-secrecy']);
      const grade = v.report.targets[0]!.tlsGrade;
      expect(grade?.grade).toBe('A-');
      expect(grade?.cappedBy.map((c) => c.check)).toEqual(expect.arrayContaining(['tls-ciphers', 'forward-secrecy']));
    });

    it('fail with --preset strict and under the modern profile', async () => {
      const strict = await tlsVerdicts(url, {preset: 'strict'});
      expect(strict.statuses).toMatchObject({'tls-ciphers': 'fail', 'forward-secrecy': 'fail'});
      const modern = await tlsVerdicts(url, {tlsProfile: 'modern'});
      expect(modern.statuses).toMatchObject({'tls-protocols': 'fail', 'tls-ciphers': 'fail', 'forward-secrecy': 'fail'});
    });
  });

  it('gnutls serving 3DES and RC4: tls-ciphers names them', async () => {
    const gnutls = await startGnutls({
      ...tls,
      priority:
        'NONE:+VERS-TLS1.2:+VERS-TLS1.1:+VERS-TLS1.0:+AES-128-GCM:+AES-128-CBC:+3DES-CBC:+ARCFOUR-128:+AEAD:+SHA1:+RSA:+ECDHE-RSA:+SIGN-ALL:+COMP-NULL:+GROUP-ALL:%SERVER_PRECEDENCE',
    });
    closers.push(() => gnutls.close());
    const v = await tlsVerdicts(gnutls.url);
    expect(v.statuses['tls-ciphers']).toBe('fail');
    const named = JSON.stringify(v.report.targets[0]!.results.find((r) => r.id === 'tls-ciphers')!.findings);
    expect(named).toContain('TLS_RSA_WITH_3DES_EDE_CBC_SHA');
    expect(named).toContain('TLS_RSA_WITH_RC4_128_SHA');
  });
});
