#!/usr/bin/env node
/**
 * The `shipcheck` command. Start-up is part of every scan's wall time, so this file does as little
 * as it can before the command runs:
 * - `--version` is answered here, in oclif's words, without loading oclif (node's own start-up and
 *   one small JSON read);
 * - oclif's check of @oclif/core's own `engines` is skipped: it loads semver (~40 ms) for a
 *   package.json the bundle does not carry (npm checks our `engines` at install);
 * - oclif, the commands and every runtime package come from one bundle with lazily loaded chunks
 *   (dist/, scripts/build.mjs), and the command is found from oclif.manifest.json.
 */
import {readFileSync} from 'node:fs';
import {arch, platform, release} from 'node:os';

const argv = process.argv.slice(2);
const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// oclif answers when the first argument is --version or one of its additional version flags.
if ([...new Set(['--version', ...(pjson.oclif.additionalVersionFlags ?? [])])].includes(argv[0])) {
  // oclif's config.userAgent: WSL is reported as its own platform, ia32 as x86.
  const os = platform() === 'linux' && release().toLowerCase().includes('microsoft') ? 'wsl' : platform();
  process.stdout.write(`${pjson.name}/${pjson.version} ${os}-${arch() === 'ia32' ? 'x86' : arch()} node-${process.version}\n`);
} else {
  process.env.OCLIF_DISABLE_ENGINE_WARNING ??= 'true';
  const {execute} = await import('../dist/src/cli/main.js');
  await execute({dir: import.meta.url});
}
