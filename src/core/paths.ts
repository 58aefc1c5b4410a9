/**
 * Where shipcheck's own files live. Assets are found from the package root, never relative to a
 * compiled file: `src/` runs from `dist/src` when built and from `src` under tests, so only the
 * package root is the same in both.
 */
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {ShipcheckError} from './errors.js';

const PACKAGE_NAME = 'shipcheck';

let root: string | undefined;

/** The folder holding shipcheck's package.json, found by walking up from this file (cached). */
export function packageRoot(): string {
  root ??= findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  return root;
}

/** The `templates/` folder of the package. */
export function templatesDir(): string {
  return join(packageRoot(), 'templates');
}

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (manifestName(join(dir, 'package.json')) === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir)
      throw new ShipcheckError(`cannot find the ${PACKAGE_NAME} package root above ${start}; reinstall shipcheck`, 'E_INTERNAL', 3);
  }
}

/** The `name` in a package.json; undefined when the file is missing or unreadable. */
function manifestName(file: string): unknown {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as {name?: unknown}).name;
  } catch {
    // Missing or unreadable: a nested package.json (or none) is simply not the root; keep walking.
    return undefined;
  }
}
