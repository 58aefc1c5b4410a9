/** The registry of probes: one per artifact. */
import type {ArtifactName} from '../core/types.js';
import {authProbe} from './auth.js';
import {corsProbe} from './cors.js';
import {errorPagesProbe} from './error-pages.js';
import {exposedPathsProbe, methodProbesProbe, securityTxtProbe} from './exposure.js';
import {openApiAuthProbe} from './openapi-auth.js';
import {pagesProbe} from './pages.js';
import type {Probe} from './probe.js';
import {rateLimitProbe} from './rate-limit.js';
import {redirectChainProbe} from './redirect-chain.js';
import {tlsCertificateProbe} from './tls-certificate.js';
import {tlsScanProbe} from './tls-scan.js';

export const PROBES: {readonly [K in ArtifactName]: Probe<K>} = {
  Pages: pagesProbe,
  RedirectChain: redirectChainProbe,
  CorsProbes: corsProbe,
  TlsScan: tlsScanProbe,
  TlsCertificate: tlsCertificateProbe,
  ErrorPages: errorPagesProbe,
  RateLimitBursts: rateLimitProbe,
  AuthEndpoints: authProbe,
  OpenApiOperations: openApiAuthProbe,
  ExposedPaths: exposedPathsProbe,
  MethodProbes: methodProbesProbe,
  SecurityTxt: securityTxtProbe,
};
