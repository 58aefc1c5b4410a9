/**
 * `npm run build`: the CLI as users run it. One esbuild pass bundles every command together with
 * everything it imports, our code and the runtime packages alike, into dist/:
 *
 *   dist/src/cli/main.js          what bin/run.js imports: oclif's runner
 *   dist/src/cli/not-found.js     the command_not_found hook (package.json oclif.hooks): a did-you-mean line, exit 2
 *   dist/src/commands/**.js       one small entry per command (oclif finds them from the manifest)
 *   dist/chunks/*.js              code shared between them, each loaded the first time it is needed
 *   dist/THIRD-PARTY-LICENSES.txt the licences of the bundled packages
 *   oclif.manifest.json           every command's id, flags and file, so no command is loaded to list them
 *
 * Why a bundle: start-up is part of every scan's wall time, and resolving and reading ~700 separate
 * modules cost more than the scan of a TLS 1.3-only server. The installed package needs no
 * node_modules of its own (the tree a user installs is ours, on every Node version we claim).
 *
 *   node scripts/build.mjs            → dist/ and oclif.manifest.json (`npm run build`, and `prepack`:
 *                                       what `npm pack` ships)
 *   node scripts/build.mjs --if-tools → the same, or a one-line note when the dev tools are not
 *                                       installed (`npm ci --omit=dev`): npm's `dependencies` script,
 *                                       run in a clone after `npm ci` changed node_modules, so that
 *                                       `npm ci && npx shipcheck demo` works. Not `prepare`: npm
 *                                       counts that as an install script of a packed tarball and warns
 *                                       on `npm install -g ./shipcheck-*.tgz`; `dependencies` never
 *                                       runs for an installed package.
 */
import {mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch (error) {
  if (!process.argv.includes('--if-tools') || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.log('shipcheck: dev tools not installed (npm ci --omit=dev): build skipped; `npm ci` installs them and builds dist/');
  process.exit(0);
}

// Runtime packages are bundled, and so belong in devDependencies: one listed under `dependencies`
// would also be installed beside the bundle on every user's machine, with whatever versions npm
// resolves there (not the lockfile's).
const {dependencies = {}} = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
if (Object.keys(dependencies).length > 0) {
  console.error(
    `shipcheck build: move ${Object.keys(dependencies).join(', ')} from dependencies to devDependencies: the bundle in dist/ carries runtime packages`,
  );
  process.exit(2);
}

/** The command files: every .ts under src/commands but tests. */
async function commandFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await commandFiles(path)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

// Output of an older build (tsc's one file per module) must not linger beside the bundle.
await Promise.all(['src', 'checks', 'chunks'].map((d) => rm(join(dist, d), {recursive: true, force: true})));
await mkdir(dist, {recursive: true});

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts', 'src/cli/not-found.ts', ...(await commandFiles(join(root, 'src', 'commands')))],
  outdir: dist,
  outbase: '.',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Bundled CommonJS (oclif, got's dependencies, yaml…) calls require() for Node built-ins: give ESM one.
  banner: {js: "import {createRequire as __shipcheckCreateRequire} from 'node:module';\nconst require = __shipcheckCreateRequire(import.meta.url);"},
  // oclif looks for these only in development mode (bin/dev.js, which runs the sources, not this bundle).
  external: ['typescript', 'ts-node', 'tsx', 'tsx/*'],
  // Whitespace and syntax only: names stay, so a stack trace (DEBUG=shipcheck) still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
});

await writeFile(join(dist, 'THIRD-PARTY-LICENSES.txt'), await licences(result.metafile));
await writeManifest();
console.log(`built ${relative(root, dist)}/ (${Object.keys(result.metafile.outputs).length} files) and oclif.manifest.json`);

/**
 * The licence text of every package the bundle took code from, as their licences ask of a copy:
 * found from the metafile's inputs (`node_modules/<name>/…`), read from each package's own folder.
 */
async function licences(metafile) {
  const folders = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const parts = input.split('/');
    const at = parts.lastIndexOf('node_modules');
    if (at < 0) continue;
    const depth = parts[at + 1]?.startsWith('@') ? 3 : 2;
    folders.add(parts.slice(0, at + depth).join('/'));
  }
  const sections = [];
  for (const folder of [...folders].sort()) {
    const pkg = JSON.parse(await readFile(join(root, folder, 'package.json'), 'utf8'));
    const names = (await readdir(join(root, folder))).filter((n) => /^(licen[cs]e|copying|notice)/i.test(n)).sort();
    const texts = await Promise.all(names.map((n) => readFile(join(root, folder, n), 'utf8')));
    const body = texts.length > 0 ? texts.join('\n').trim() : `License: ${pkg.license ?? 'see the package'} (the package ships no licence file)`;
    sections.push(`${pkg.name}@${pkg.version}\n${'-'.repeat(`${pkg.name}@${pkg.version}`.length)}\n${body}\n`);
  }
  return `shipcheck's bundle (dist/) includes code from these packages, under their licences:\n\n${sections.join('\n')}`;
}

/**
 * oclif.manifest.json, as oclif writes it: oclif's own Plugin loads every built command once here,
 * so that at run time `--help` and the command lookup read one JSON file instead of loading them.
 */
async function writeManifest() {
  const {Plugin} = await import('@oclif/core');
  const plugin = new Plugin({root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true});
  await plugin.load();
  const ids = Object.keys(plugin.manifest.commands);
  if (ids.length === 0) throw new Error(`no command found under ${plugin.pjson.oclif.commands}`);
  for (const id of ids) {
    const file = plugin.manifest.commands[id].relativePath?.join(sep);
    if (!file?.startsWith(join('dist', 'src', 'commands'))) throw new Error(`command ${id} was loaded from ${file}, not from the bundle`);
  }
  await writeFile(join(root, 'oclif.manifest.json'), `${JSON.stringify(plugin.manifest, null, 2)}\n`);
}
