/** Jest projects: unit (pure code beside it), api + authz (HTTP against the real database), e2e (Chromium). */
const transform = {
  '^.+\\.(t|j)sx?$|^.+\\.mjs$': [
    '@swc/jest',
    { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } }, module: { type: 'commonjs' } },
  ],
};
// ESM-only packages are compiled to CommonJS for Jest (Node itself can require() them).
const ESM_PACKAGES = ['supercluster', 'kdbush', 'flatbush', 'flatqueue'];
const base = {
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
};
const withDb = {
  ...base,
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
};

module.exports = {
  // Per-project testTimeout is ignored by Jest; this is the default for every test (API tests
  // talk to a real database on a 2-core machine shared with the browser and fuzz suites).
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/backend/src/**/*.test.ts'] },
    { ...withDb, displayName: 'api', testMatch: ['<rootDir>/tests/api/**/*.test.ts'] },
    { ...withDb, displayName: 'authz', testMatch: ['<rootDir>/tests/authz/**/*.test.ts'] },
    { ...withDb, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
};
