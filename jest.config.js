/** jest runs the TypeScript sources directly as ES modules (see DEVELOPERS.md: ts-jest default-esm preset). */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  testTimeout: 30000,
  // Each test file loads the crisis model (about 430,000 features) and the language identifier's data in its
  // own module registry; a worker that has grown past this is replaced between files instead of running out
  // of memory. Two workers on this 2-core machine.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1200MB',
};
