/** The registry of checks: one import and one entry per file in this folder. */
import type {AnyCheck} from '../src/core/types.js';
import cookieFlags from './cookie-flags.js';
import cors from './cors.js';
import crossOriginPolicies from './cross-origin-policies.js';
import csp from './csp.js';
import deprecatedHeaders from './deprecated-headers.js';
import frameOptions from './frame-options.js';
import hsts from './hsts.js';
import httpsRedirect from './https-redirect.js';
import permissionsPolicy from './permissions-policy.js';
import referrerPolicy from './referrer-policy.js';
import versionDisclosure from './version-disclosure.js';
import xContentTypeOptions from './x-content-type-options.js';

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
  versionDisclosure,
];
