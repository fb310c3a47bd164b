/**
 * ESLint (flat config) with typescript-eslint. Its type-aware rules (no-floating-promises) need
 * TypeScript's JavaScript API, which TypeScript 7 (the native compiler that type-checks the project)
 * does not have: typescript-eslint alone gets TypeScript 5 through the `typescript5` alias.
 */
const Module = require('module');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveTypeScript5(request, ...rest) {
  const redirected =
    request === 'typescript' || request.startsWith('typescript/') ? request.replace(/^typescript/, 'typescript5') : request;
  return resolveFilename.call(this, redirected, ...rest);
};

const tseslint = require('typescript-eslint');
const importX = require('eslint-plugin-import-x');
const comments = require('@eslint-community/eslint-plugin-eslint-comments');
const { createTypeScriptImportResolver } = require('eslint-import-resolver-typescript');

module.exports = tseslint.config(
  { ignores: ['node_modules/**', '.build/**', '.data/**', '**/miniprogram_npm/**', 'cloudfunctions/*/index.js', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { 'import-x': importX, 'eslint-comments': comments },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
    },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'miniprogram/tsconfig.json', 'test/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      // Every exception says why, on the same line.
      'eslint-comments/require-description': 'error',
      'eslint-comments/no-unused-disable': 'error',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
