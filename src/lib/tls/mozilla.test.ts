import {describe, expect, it} from '@jest/globals';
import {MOZILLA_PROFILES, profileAllowsSuite, suiteProblem, type SuiteProblem} from './mozilla.js';
import {suiteTraits} from './traits.js';
import type {AcceptedSuite} from './offer.js';
import {TLS_PROFILES, type TlsProfile, type TlsVersion} from '../../core/types.js';

describe('Mozilla profiles (guidelines 5.7)', () => {
  it.each(TLS_PROFILES)('every suite of %s is one the classifier knows', (name) => {
    const profile = MOZILLA_PROFILES[name];
    for (const suite of profile.ciphersuites) expect({suite, kx: suiteTraits(suite).kx}).toEqual({suite, kx: 'TLS13'});
    for (const suite of profile.ciphers) expect({suite, cipher: suiteTraits(suite).cipher}).not.toMatchObject({cipher: 'other'});
  });

  it.each(['modern', 'intermediate'] as const)('%s keeps only forward-secret AEAD suites', (name) => {
    const profile = MOZILLA_PROFILES[name];
    for (const suite of [...profile.ciphersuites, ...profile.ciphers]) {
      expect({suite, fs: suiteTraits(suite).forwardSecret, mode: suiteTraits(suite).mode}).toEqual({suite, fs: true, mode: 'aead'});
    }
  });

  it('keeps static RSA, CBC and 3DES only in old', () => {
    const old = MOZILLA_PROFILES.old.ciphers.map(suiteTraits);
    expect(old.some((t) => t.kx === 'RSA')).toBe(true);
    expect(old.some((t) => t.mode === 'cbc')).toBe(true);
    expect(old.some((t) => t.cipher === '3DES')).toBe(true);
  });

  it('widens the protocol versions from modern to old', () => {
    expect(MOZILLA_PROFILES.modern.tlsVersions).toEqual(['TLSv1.3']);
    expect(MOZILLA_PROFILES.intermediate.tlsVersions).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(MOZILLA_PROFILES.old.tlsVersions).toEqual(['TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
  });

  it('has the numbers of the JSON', () => {
    expect(TLS_PROFILES.map((p) => MOZILLA_PROFILES[p].maximumCertificateLifespan)).toEqual([90, 366, 366]);
    expect(TLS_PROFILES.map((p) => MOZILLA_PROFILES[p].dhParamSize)).toEqual([null, 2048, 1024]);
    expect(TLS_PROFILES.map((p) => MOZILLA_PROFILES[p].rsaKeySize)).toEqual([null, 2048, 2048]);
    expect(TLS_PROFILES.map((p) => MOZILLA_PROFILES[p].serverPreferredOrder)).toEqual([false, false, true]);
    expect(TLS_PROFILES.map((p) => MOZILLA_PROFILES[p].oldestClients[0])).toEqual(['Firefox 63', 'Firefox 27', 'Firefox 1']);
  });

  it('keeps the TLS 1.3 and TLS 1.2 lists apart', () => {
    const intermediate = MOZILLA_PROFILES.intermediate;
    expect(profileAllowsSuite(intermediate, 'TLSv1.3', 'TLS_AES_128_GCM_SHA256')).toBe(true);
    expect(profileAllowsSuite(intermediate, 'TLSv1.2', 'TLS_AES_128_GCM_SHA256')).toBe(false);
    expect(profileAllowsSuite(intermediate, 'TLSv1.2', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256')).toBe(true);
    expect(profileAllowsSuite(intermediate, 'TLSv1.3', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256')).toBe(false);
  });
});

describe('suiteProblem', () => {
  const accepted = (name: string, versions: TlsVersion[] = ['TLSv1.2']): AcceptedSuite => ({name, versions, traits: suiteTraits(name)});

  it.each<[string, TlsProfile, SuiteProblem | undefined]>([
    ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'intermediate', undefined],
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'intermediate', 'cbc'],
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'old', undefined],
    ['TLS_ECDHE_ECDSA_WITH_AES_128_CCM', 'intermediate', 'strong-not-in-profile'],
    ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'old', '3DES'],
    // Static key exchange without a broken cipher is forward-secrecy's alone.
    ['TLS_RSA_WITH_AES_128_GCM_SHA256', 'intermediate', undefined],
    ['TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256', 'intermediate', undefined],
    ['TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256', 'old', undefined],
    // Its cipher is still tls-ciphers' to judge.
    ['TLS_RSA_WITH_AES_128_CBC_SHA', 'intermediate', 'cbc'],
    // old keeps static RSA, so a static-RSA suite outside its list is outside for its cipher.
    ['TLS_RSA_WITH_CAMELLIA_128_CBC_SHA', 'old', 'not-in-profile'],
  ])('%s under %s → %s', (name, profile, expected) => {
    expect(suiteProblem(MOZILLA_PROFILES[profile], accepted(name))).toBe(expected);
  });

  it('judges a suite by every version that accepted it', () => {
    // TLS 1.3 suites are listed apart: on TLS 1.2 the same name would be outside the profile.
    expect(suiteProblem(MOZILLA_PROFILES.intermediate, accepted('TLS_AES_128_GCM_SHA256', ['TLSv1.3']))).toBeUndefined();
    expect(suiteProblem(MOZILLA_PROFILES.modern, accepted('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'))).toBe('strong-not-in-profile');
  });
});
