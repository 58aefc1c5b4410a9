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
    rules: {
      // `${count} checks`, `${passed}`: numbers and booleans print as intended; still flagged: objects, arrays,
      // nullish values and unions with them (the "undefined"/"[object Object]" bugs the rule exists for).
      '@typescript-eslint/restrict-template-expressions': ['error', {allowNumber: true, allowBoolean: true}],
      // `() => resolve()` in event callbacks, and `if (x) return finish(y);` early exits inside functions that
      // return void, are Node idiom here; a void value used where a value is expected is still flagged.
      '@typescript-eslint/no-confusing-void-expression': ['error', {ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true}],
      // An empty arrow is a deliberate no-op (`socket.on('error', () => {})` swallows a hostile peer's reset, a
      // silent test server answers nothing); empty functions and methods elsewhere are still flagged.
      '@typescript-eslint/no-empty-function': ['error', {allow: ['arrowFunctions']}],
      // For strings `||` is meant: GitHub passes an unset Action input or env variable as '', which must fall back
      // to the default exactly like a missing one. `??` is still required for numbers, booleans and objects.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', {ignorePrimitives: {string: true}}],
      // `const {secret: _secret, ...rest} = x` is how an object minus some keys is spelled.
      '@typescript-eslint/no-unused-vars': ['error', {ignoreRestSiblings: true, argsIgnorePattern: '^_'}],
    },
  },
  {
    // Under noUncheckedIndexedAccess, `rows[0]!` is how a test states what it expects to exist; when it is wrong
    // the test fails with a TypeError, which is the point. Production code keeps the rule.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {'@typescript-eslint/no-non-null-assertion': 'off'},
  },
  {
    // bin/, the configs, scripts/*.mjs and bench/rss.cjs are plain JavaScript outside every tsconfig.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {sourceType: 'commonjs', globals: globals.node},
    // CommonJS has no static import (bench/rss.cjs is preloaded with --require).
    rules: {'@typescript-eslint/no-require-imports': 'off'},
  },
  // Last: turns off every rule that only Prettier should decide.
  prettier,
);
