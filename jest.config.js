import {createDefaultEsmPreset} from 'ts-jest';

/** @type {import('jest').Config} */
export default {
  ...createDefaultEsmPreset({tsconfig: 'test/tsconfig.json'}),
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/checks', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {'^(\\.{1,2}/.*)\\.js$': '$1'},
  setupFiles: ['<rootDir>/test/setup-console.ts'],
  testTimeout: 30000,
};
