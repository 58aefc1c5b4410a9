/**
 * Issue 8, point 5: a port that answers every ClientHello with a fatal handshake_failure alert (the
 * answer of a server that shares no suite or version with the client, or of a TLS terminator with
 * no certificate for the name) lets no handshake complete. Through the real probes and the real
 * evaluation, no TLS check may pass there: each one is `error`, with the reason.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {CHECKS} from '../../checks/index.js';
import {evaluateCheck} from '../../src/engine/evaluate.js';
import type {CheckResult} from '../../src/core/report.js';
import {makeTarget, type Target} from '../../src/core/target.js';
import {isProbeError, type Artifacts, type TargetInfo} from '../../src/core/types.js';
import {gradeTls} from '../../src/lib/tls/grade.js';
import {ProbeFailure} from '../../src/probes/failure.js';
import {HttpClient} from '../../src/probes/http.js';
import type {Probe, ProbeContext} from '../../src/probes/probe.js';
import {tlsCertificateProbe} from '../../src/probes/tls-certificate.js';
import {tlsScanProbe} from '../../src/probes/tls-scan.js';
import {startRawServer, type TestServer} from '../helpers/servers.js';

/** A TLS 1.2 alert record: content type 21, version 3.3, length 2, level fatal (2), handshake_failure (40). */
const HANDSHAKE_FAILURE = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);

let server: TestServer;
let target: Target;
let artifacts: Artifacts;
const client = new HttpClient({signal: AbortSignal.timeout(30_000), requestTimeoutMs: 5000, maxBodyBytes: 1024});

/** Gathers one artifact the way the pipeline does: a ProbeFailure is stored as the artifact. */
async function gather<K extends 'TlsScan' | 'TlsCertificate'>(probe: Probe<K>): Promise<NonNullable<Artifacts[K]>> {
  const context: ProbeContext = {client, signal: AbortSignal.timeout(20_000)};
  try {
    return await probe.gather(target, context);
  } catch (error) {
    if (error instanceof ProbeFailure) return error.probeError;
    throw error;
  }
}

beforeAll(async () => {
  // Whatever the hello (SSLv2, SSLv3, TLS 1.0–1.3), the first bytes from the client get the alert.
  server = await startRawServer((socket) => socket.once('data', () => socket.end(HANDSHAKE_FAILURE)), {scheme: 'https'});
  target = makeTarget({url: `${server.url}/`});
  const [scan, cert] = await Promise.all([gather(tlsScanProbe), gather(tlsCertificateProbe)]);
  artifacts = {TlsScan: scan, TlsCertificate: cert};
}, 30_000);

afterAll(async () => {
  await Promise.all([server.close(), client.close()]);
});

const TLS_CHECKS = CHECKS.filter((c) => c.meta.family === 'tls');

function evaluate(preset: 'recommended' | 'strict'): CheckResult[] {
  const info: TargetInfo = {url: target.url.href, host: target.url.hostname, https: true, tlsProfile: 'intermediate'};
  return TLS_CHECKS.map((check) => {
    const defaults = check.defaultOptions as object;
    const options = preset === 'strict' ? {...defaults, ...(check.strictOptions as object | undefined)} : defaults;
    return evaluateCheck(check, {level: 'error', options}, artifacts, info, (s) => s);
  });
}

describe('a port that answers every ClientHello with handshake_failure', () => {
  it('is measured, not mistaken for an unreachable port: the scan ran and found nothing offered, the handshake failed', () => {
    const scan = artifacts.TlsScan;
    if (scan === undefined || isProbeError(scan)) throw new Error(`the scan itself failed: ${JSON.stringify(scan)}`);
    expect(scan.handshakes).toBeGreaterThan(0);
    expect(scan.protocols.filter((p) => p.offered)).toEqual([]);
    expect(artifacts.TlsCertificate).toMatchObject({kind: 'probe-error', code: 'tls'});
  });

  it.each(['recommended', 'strict'] as const)('no TLS check passes with the %s options: each is an error with its reason', (preset) => {
    const results = evaluate(preset);
    // Every TLS check of the registry, by id: a new one must be listed here with its own reason.
    expect(Object.fromEntries(results.map((r) => [r.id, {status: r.status, ids: r.findings.map((f) => f.messageId)}]))).toEqual({
      'tls-protocols': {status: 'error', ids: ['nothing-offered']},
      'tls-ciphers': {status: 'error', ids: ['nothing-offered']},
      'forward-secrecy': {status: 'error', ids: ['none-accepted']},
      'dh-params': {status: 'error', ids: ['nothing-offered']},
      // The certificate probe's own failure (the alert) is the reason each certificate check gives.
      'certificate-trust': {status: 'error', ids: ['probe-error']},
      'certificate-host': {status: 'error', ids: ['probe-error']},
      'certificate-expiry': {status: 'error', ids: ['probe-error']},
      'certificate-key': {status: 'error', ids: ['probe-error']},
      'ocsp-stapling': {status: 'error', ids: ['probe-error']},
    });
    // Each reason names the endpoint; the certificate checks carry the alert the handshake ended on.
    const where = `127.0.0.1:${server.port}`;
    for (const r of results) {
      // OpenSSL 3.0 (Node 20) says "sslv3 alert handshake failure"; newer ones "ssl/tls alert handshake failure".
      const fromHandshake = r.id.startsWith('certificate-') || r.id === 'ocsp-stapling';
      const reason = fromHandshake ? expect.stringMatching(new RegExp(`${where} failed: .*alert handshake failure`)) : expect.stringContaining(where);
      expect({id: r.id, reason: r.findings[0]?.message}).toEqual({id: r.id, reason});
    }
  });

  it('gets no TLS grade', () => {
    const scan = artifacts.TlsScan;
    expect(gradeTls(isProbeError(scan) ? undefined : scan, undefined)).toBeUndefined();
  });
});
