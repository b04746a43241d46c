/**
 * jest runs the TypeScript sources directly as ES modules (ts-jest's default-esm preset). It only transpiles
 * them, file by file: tsconfig.json sets `isolatedModules`, which is how ts-jest 29.4 is told not to type-check.
 * The types are checked once, for sources and tests together, by `npm run typecheck` (CI runs it before
 * `npm test`).
 */
import { NATIVE_PACKAGES, SHIM_DIR } from './test/setup/nativePackages.js';

const project = {
  preset: 'ts-jest/presets/default-esm',
  // Node's environment plus a per-worker cache for the big read-only crisis data (see the file).
  testEnvironment: '<rootDir>/test/setup/workerEnvironment.js',
  roots: ['<rootDir>/test'],
  moduleNameMapper: {
    // The language identifier's data, the crisis model and its classifier: read or built once per worker
    // instead of once per test file (test/setup/workerShared/; the code under test is unchanged).
    '^eld/large$': '<rootDir>/test/setup/workerShared/eldLarge.ts',
    // The Bot Framework SDK, restify, zod and i18next: loaded by Node once per worker (test/setup/nativePackages.js).
    [`^(${NATIVE_PACKAGES.join('|')})$`]: `${SHIM_DIR}/$1.cjs`,
    '^(\\.\\./)+data/crisis/crisisDataLoader\\.js$': '<rootDir>/test/setup/workerShared/crisisDataLoader.ts',
    '^(\\.\\./)+domain/crisis/crisisClassifier\\.js$': '<rootDir>/test/setup/workerShared/crisisClassifier.ts',
    // The password strength checker (zxcvbn's dictionaries), built once per worker too.
    '^(\\./|(\\.\\./)+useCases/staff/)passwordStrength\\.js$': '<rootDir>/test/setup/workerShared/passwordStrength.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
};

/**
 * The slow suites: a real browser, the crisis check's figures over its whole corpus, the crash tests, and
 * the logs of the compiled server under the abuse run.
 * `npm test` runs them with the rest; `npm test -- --selectProjects fast` leaves them out while working.
 */
const slow = ['test/channels/browser/', 'test/inbox/browser/', 'test/outcomes/outcomes.browser.test.ts', 'test/crisis/crisisData.test.ts', 'test/crash/', 'test/multiInstance/', 'test/security/logsCannotLeak.test.ts'];

export default {
  projects: [
    {
      ...project,
      displayName: 'fast',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...slow.map((path) => `<rootDir>/${path.replace(/\./g, '\\.')}`)],
    },
    {
      ...project,
      displayName: 'slow',
      testMatch: slow.map((path) => (path.endsWith('/') ? `<rootDir>/${path}**/*.test.ts` : `<rootDir>/${path}`)),
    },
  ],
  testTimeout: 30000,
  // One throwaway PostgreSQL cluster for the whole run (test/setup/postgresCluster.js).
  globalSetup: '<rootDir>/test/setup/globalSetup.js',
  globalTeardown: '<rootDir>/test/setup/globalTeardown.js',
  // Two workers on this 2-core machine. Jest keeps part of every ES-module test file it has run (about
  // 40 MB for one that starts the app); a worker that has grown past the limit is replaced between files
  // instead of running out of memory.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1200MB',
};
