#!/usr/bin/env -S node --import tsx
/**
 * Development: the commands run from the sources through tsx. oclif maps the build folder back to
 * the sources with the outDir and rootDir of tsconfig.json, but the manifest names the files of the
 * bundle, so the root plugin is loaded here without it.
 */
import {fileURLToPath} from 'node:url';
import {Plugin, execute} from '@oclif/core';

process.env.NODE_ENV = 'development';
const root = new Plugin({root: fileURLToPath(new URL('..', import.meta.url)), isRoot: true, type: 'core', ignoreManifest: true});
await root.load();
await execute({development: true, loadOptions: {root: root.root, plugins: new Map([[root.name, root]])}});
