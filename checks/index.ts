/** The registry of checks: one import and one entry per file in this folder. */
import type {AnyCheck} from '../src/core/types.js';
import authOpenapi from './auth-openapi.js';
import authRequired from './auth-required.js';
import certificateExpiry from './certificate-expiry.js';
import certificateHost from './certificate-host.js';
import certificateKey from './certificate-key.js';
import certificateTrust from './certificate-trust.js';
import cookieFlags from './cookie-flags.js';
import cors from './cors.js';
import crossOriginPolicies from './cross-origin-policies.js';
import csp from './csp.js';
import deprecatedHeaders from './deprecated-headers.js';
import dhParams from './dh-params.js';
import directoryListing from './directory-listing.js';
import errorDisclosure from './error-disclosure.js';
import exposedFiles from './exposed-files.js';
import forwardSecrecy from './forward-secrecy.js';
import frameOptions from './frame-options.js';
import hsts from './hsts.js';
import httpMethods from './http-methods.js';
import httpsRedirect from './https-redirect.js';
import ocspStapling from './ocsp-stapling.js';
import permissionsPolicy from './permissions-policy.js';
import rateLimit from './rate-limit.js';
import referrerPolicy from './referrer-policy.js';
import securityTxt from './security-txt.js';
import tlsCiphers from './tls-ciphers.js';
import tlsProtocols from './tls-protocols.js';
import versionDisclosure from './version-disclosure.js';
import xContentTypeOptions from './x-content-type-options.js';

/** In report order: family by family, as FAMILIES lists them. */
export const CHECKS: readonly AnyCheck[] = [
  csp,
  xContentTypeOptions,
  frameOptions,
  referrerPolicy,
  permissionsPolicy,
  crossOriginPolicies,
  deprecatedHeaders,
  hsts,
  httpsRedirect,
  cookieFlags,
  cors,
  tlsProtocols,
  tlsCiphers,
  forwardSecrecy,
  dhParams,
  certificateTrust,
  certificateHost,
  certificateExpiry,
  certificateKey,
  ocspStapling,
  versionDisclosure,
  errorDisclosure,
  rateLimit,
  authRequired,
  authOpenapi,
  exposedFiles,
  directoryListing,
  httpMethods,
  securityTxt,
];
