import type { Config } from 'jest';
import { join } from 'node:path';

const packages = ['domain', 'projections', 'adapters', 'cli'] as const;

// Tests import sibling packages by their public names; map those names to sources so
// `npm test` needs no build and a change in one package is seen by the others at once.
const moduleNameMapper: Record<string, string> = {
  '^@tillstream/domain/testing$': '<rootDir>/../domain/src/testing/index.ts',
  '^@tillstream/adapters/testing$': '<rootDir>/../adapters/src/testing/index.ts',
  '^@tillstream/(domain|projections|adapters|cli)$': '<rootDir>/../$1/src/index.ts',
};

// Transpile only (the tsconfig sets isolatedModules): `npm run typecheck` does the type checking.
const transform: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: join(__dirname, 'tsconfig.json') }],
};

const config: Config = {
  // Tests prove rules, not speed: on a loaded 2-core machine a test that spawns the built CLI or
  // worker threads can take well over jest's default 5 s without anything being wrong.
  testTimeout: 60_000,
  projects: [
    ...packages.map((name) => ({
      displayName: name,
      rootDir: `<rootDir>/packages/${name}`,
      testMatch: ['<rootDir>/src/**/*.test.ts'],
      testEnvironment: 'node',
      moduleNameMapper,
      transform,
    })),
    {
      displayName: 'examples',
      rootDir: '<rootDir>/examples',
      testMatch: ['<rootDir>/**/*.test.ts'],
      testEnvironment: 'node',
      moduleNameMapper: Object.fromEntries(
        Object.entries(moduleNameMapper).map(([k, v]) => [
          k,
          v.replace('<rootDir>/..', '<rootDir>/../packages'),
        ]),
      ),
      transform,
    },
  ],
};

export default config;
