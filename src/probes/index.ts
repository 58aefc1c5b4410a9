/** The registry of probes: one per artifact. */
import type {ArtifactName} from '../core/types.js';
import {corsProbe} from './cors.js';
import {pagesProbe} from './pages.js';
import type {Probe} from './probe.js';
import {redirectChainProbe} from './redirect-chain.js';

export const PROBES: {readonly [K in ArtifactName]: Probe<K>} = {
  Pages: pagesProbe,
  RedirectChain: redirectChainProbe,
  CorsProbes: corsProbe,
};
