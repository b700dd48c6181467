// One jest run, three projects: unit (pure), integration (real Postgres/Redis), e2e (real HTTP).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const moduleNameMapper = { '^@peerline/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' };
// Some dependencies now ship only ES modules (content-disposition 2, used by @fastify/static);
// Node 20 loads them natively, jest on Node < 24.9 needs them compiled to CommonJS.
const esmOnly = ['content-disposition'];
const base = {
  rootDir: __dirname,
  transform: { '^.+\\.[tj]s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
      setupFiles: ['<rootDir>/libs/testing/src/jest/setup-env.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
      setupFiles: ['<rootDir>/libs/testing/src/jest/setup-env.ts'],
    },
  ],
};
