/** Type-checking runs separately (`npm run typecheck`); jest only transpiles. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  cacheDirectory: '<rootDir>/.tmp/jest-cache',
  testTimeout: 60000,
};
