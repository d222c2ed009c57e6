import nx from '@nx/eslint-plugin';

/**
 * Layering: contracts → domain (pure shared logic) → service-kit / events / models → apps (and tools);
 * the product-backend client (libs/client) sits on contracts and service-kit only.
 * Internal layering is checked by Nx tags; native and Kafka runtimes are owned by one lib each
 * and checked by import patterns, so the rule holds even where the package is not installed.
 */
export const moduleBoundaries = {
  enforceBuildableLibDependency: true,
  allow: [],
  depConstraints: [
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
    { sourceTag: 'type:kit', onlyDependOnLibsWithTags: ['type:contracts'] },
    { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:contracts', 'type:kit'] },
    { sourceTag: 'type:events', onlyDependOnLibsWithTags: ['type:contracts'] },
    { sourceTag: 'type:models', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:kit', 'type:events', 'type:models', 'type:domain'] },
    { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:contracts', 'type:kit', 'type:client', 'type:events', 'type:models', 'type:domain'] },
  ],
};

const nativeModelRuntimes = {
  group: ['hnswlib-node', 'hnswlib-node/*', '@tensorflow/*'],
  message: 'Native model runtimes are reached only through @cascade/models.',
};
const kafkaClient = {
  group: ['kafkajs', 'kafkajs/*'],
  message: 'Kafka is reached only through @cascade/events.',
};

const restrictImports = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
  '@typescript-eslint/no-restricted-imports': 'off',
});

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.cache', '**/coverage', 'libs/contracts/src/gen/**'],
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // noUncheckedIndexedAccess is on; a checked index is asserted with !.
      '@typescript-eslint/no-non-null-assertion': 'off',
      ...restrictImports(nativeModelRuntimes, kafkaClient),
    },
  },
  { files: ['libs/events/**/*.ts'], rules: restrictImports(nativeModelRuntimes) },
  { files: ['libs/models/**/*.ts'], rules: restrictImports(kafkaClient) },
];
