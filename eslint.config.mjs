import nx from '@nx/eslint-plugin';

const nativeModelImports = ['hnswlib-node', '@tensorflow/*'];
const kafkaImports = ['kafkajs'];

/**
 * Layering: contracts → service-kit / events / models → apps.
 * Native model runtimes are reachable only through libs/models, Kafka only through libs/events.
 */
export const moduleBoundaries = {
  enforceBuildableLibDependency: true,
  allow: [],
  depConstraints: [
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: [...nativeModelImports, ...kafkaImports] },
    { sourceTag: 'type:kit', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: [...nativeModelImports, ...kafkaImports] },
    { sourceTag: 'type:events', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: nativeModelImports },
    { sourceTag: 'type:models', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: kafkaImports },
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:kit', 'type:events', 'type:models'],
      bannedExternalImports: [...nativeModelImports, ...kafkaImports],
    },
  ],
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.cache', '**/coverage', 'libs/contracts/src/gen/**'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
