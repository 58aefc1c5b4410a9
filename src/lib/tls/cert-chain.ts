/**
 * Small readings of a served certificate chain shared by the certificate checks and the grade.
 */
import type {CertInfo} from '../../core/types.js';

/** The message of a certificate check when the handshake produced no certificate to judge. */
export const NO_CERTIFICATE = 'The server on {{host}}:{{port}} sent no certificate, so it cannot be judged.';

/** A self-signed CA certificate: a trust anchor, whose own signature no client verifies. */
export const isRoot = (cert: CertInfo): boolean => cert.selfSigned && cert.isCa;

/** Days between two ISO 8601 instants (fractional; negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** MD2, MD4 and MD5 signatures are forgeable (MD5 collisions forged a CA in 2008). */
export const MD5_SIGNATURE = /md[245]/i;
/** SHA-1 signatures are forgeable (SHAttered, 2017; a chosen-prefix collision cost about $45k in 2020). */
export const SHA1_SIGNATURE = /sha-?1(?!\d)/i;
