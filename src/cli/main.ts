/**
 * What bin/run.js starts: oclif's runner. It lives in the bundle beside the commands (scripts/build.mjs)
 * so that the runner and the commands share one copy of @oclif/core.
 */
export {execute} from '@oclif/core';
