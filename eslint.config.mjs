import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Domain direction (ARCHITECTURE.md): each domain lists the domains below it that it may import.
const domainRule = (name, below) => ({
  sourceTag: `domain:${name}`,
  onlyDependOnLibsWithTags: [
    'type:platform',
    'type:contracts',
    'type:testing',
    ...below.map((d) => `domain:${d}`),
  ],
});

// End-to-end suites start the real apps: only they may import an app's bootstrap.
const boundaries = (allow = []) => ({
  enforceBuildableLibDependency: true,
  allow,
  banTransitiveDependencies: false,
  depConstraints: [
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:contracts'],
    },
    { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
    {
      sourceTag: 'type:e2e',
      onlyDependOnLibsWithTags: [
        'type:app',
        'type:domain',
        'type:platform',
        'type:contracts',
        'type:testing',
      ],
    },
    {
      sourceTag: 'type:testing',
      onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:contracts'],
    },
    domainRule('notifications', []),
    domainRule('ambassadors', []),
    domainRule('screening', []),
    // Notifications renders and queues the mails of its state changes.
    domainRule('chat-requests', ['ambassadors', 'screening', 'notifications']),
    domainRule('referrals', ['ambassadors', 'chat-requests', 'notifications']),
    domainRule('payouts', ['referrals', 'ambassadors', 'chat-requests', 'notifications']),
    domainRule('insights', []),
    domainRule('integrations', []),
  ],
});

export default [
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/tmp',
      '.nx/**',
      'reports/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries()],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Specs of platform libs and apps use the test helpers too.
    files: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(['^@peerline/testing$'])] },
  },
  {
    // The CLI writes the OpenAPI document, which needs the composed api.
    files: ['tools/cli/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(['^\\.\\./\\.\\./apps/api/src/bootstrap$'])] },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        boundaries(['^\\.\\./apps/[a-z-]+/src/bootstrap$']),
      ],
    },
  },
  {
    // Test helpers belong to tests; production code never imports them.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@peerline/testing', message: 'Only tests import @peerline/testing.' }] },
      ],
    },
  },
  prettier,
];
