// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import {defineConfig, globalIgnores} from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // node_modules/ is ignored by default. dist/action/ is the committed esbuild bundle.
  globalIgnores(['dist/', 'coverage/', 'test/fixtures/', '.bench/']),
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // One program for src/, checks/, scripts/, bench/ and test/: test/tsconfig.json extends the build
        // tsconfig and includes all of them, *.test.ts beside the sources too (the root one excludes those).
        project: ['./test/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {},
  },
  {
    // bin/, the configs, scripts/*.mjs and bench/rss.cjs are plain JavaScript outside every tsconfig.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {sourceType: 'commonjs', globals: globals.node},
  },
  // Last: turns off every rule that only Prettier should decide.
  prettier,
);
