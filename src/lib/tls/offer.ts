/**
 * What a TlsScan says the server accepts, in the shape the TLS checks judge: the offered versions,
 * and each accepted suite once with every version that accepted it (a server that takes
 * TLS_RSA_WITH_AES_128_CBC_SHA on TLS 1.0, 1.1 and 1.2 yields one finding naming all three).
 */
import type {TlsProtocolScan, TlsScan, TlsVersion} from '../../core/types.js';
import {suiteTraits, type SuiteTraits} from './traits.js';

export interface AcceptedSuite {
  /** IANA name. */
  readonly name: string;
  /** The versions that accepted it, oldest first. */
  readonly versions: readonly TlsVersion[];
  readonly traits: SuiteTraits;
}

/** The versions the server accepted, oldest first. */
export function offeredProtocols(scan: TlsScan): TlsProtocolScan[] {
  return scan.protocols.filter((p) => p.offered);
}

/** Every suite some offered version accepted, in order of first appearance. */
export function acceptedSuites(scan: TlsScan): AcceptedSuite[] {
  const versions = new Map<string, TlsVersion[]>();
  for (const protocol of offeredProtocols(scan)) {
    for (const {name} of protocol.suites) {
      const list = versions.get(name) ?? [];
      if (!list.includes(protocol.version)) list.push(protocol.version);
      versions.set(name, list);
    }
  }
  return [...versions].map(([name, list]) => ({name, versions: list, traits: suiteTraits(name)}));
}

/** The message of a scan check when the server accepted no version at all. */
export const NOTHING_OFFERED = 'No protocol version from SSLv2 to TLS 1.3 was accepted on {{host}}:{{port}}, so there is nothing to judge.';
