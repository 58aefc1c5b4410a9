/**
 * Bundles the GitHub Action: src/action/main.ts and everything it imports into one ESM file, so the
 * runner can start it with plain `node` and no node_modules (action.yml: runs.main). Beside it go
 * the templates the formatters read and a package.json that makes the folder shipcheck's package
 * root (core/paths finds templates/ from there) and marks index.js as ESM.
 *
 *   npm run build:action            → dist/action/ (committed; a test fails when it is stale)
 *   node scripts/build-action.mjs DIR → the same into DIR
 */
import {cp, mkdir, readFile, writeFile} from 'node:fs/promises';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(process.argv[2] ?? join(root, 'dist', 'action'));

await mkdir(outdir, {recursive: true});
await build({
  absWorkingDir: root,
  entryPoints: ['src/action/main.ts'],
  outfile: join(outdir, 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Bundled CommonJS (got's dependencies, yaml…) calls require() for Node built-ins: give ESM one.
  banner: {js: "import {createRequire as __shipcheckCreateRequire} from 'node:module';\nconst require = __shipcheckCreateRequire(import.meta.url);"},
  // Readable in review, and the committed diff shows what changed.
  minify: false,
  legalComments: 'inline',
  charset: 'utf8',
  logLevel: 'warning',
});

const {version} = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
await writeFile(join(outdir, 'package.json'), `${JSON.stringify({name: 'shipcheck', version, private: true, type: 'module'}, null, 2)}\n`);
// Every template but demo/: the Action never starts the demo site, and needs no test keys.
await cp(join(root, 'templates'), join(outdir, 'templates'), {recursive: true, filter: (src) => !src.startsWith(join(root, 'templates', 'demo'))});
console.log(`built ${join(outdir, 'index.js')}`);
