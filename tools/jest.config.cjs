module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'tools',
  // The benchmark suite's pure formatting is unit-tested next to it.
  testMatch: [...require('../jest.preset.cjs').testMatch, '<rootDir>/bench/**/*.spec.ts'],
};
