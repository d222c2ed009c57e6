/** Shared jest settings: TypeScript through SWC, tests under src/ and test/. */
module.exports = {
  testEnvironment: require.resolve('./tools/jest/node-environment.cjs'),
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  testTimeout: 60_000,
};
