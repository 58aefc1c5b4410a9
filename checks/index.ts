/** The registry of checks: one import and one entry per file in this folder. */
import type {AnyCheck} from '../src/core/types.js';
import xContentTypeOptions from './x-content-type-options.js';

export const CHECKS: readonly AnyCheck[] = [xContentTypeOptions];
