/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  // A loaded machine (CI on two cores, parallel suites starting real helm) must not turn slow set-up into failures.
  testTimeout: 30_000,
  roots: ['<rootDir>/src', '<rootDir>/test'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
};
