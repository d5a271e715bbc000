// Lint rules: ESLint's and typescript-eslint's recommended sets (syntax-based, not type-aware: tsc
// checks the types, with the server's tsconfig and the console's own), plus a few house rules. The
// operator console (React, browser) is linted like the rest, with a block of its own.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'test-output/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The console runs in a browser. Its globals (window, document, localStorage …) come from the DOM
    // lib in src/web/console/tsconfig.json, which tsc checks; `no-undef` is off for TypeScript files,
    // so no globals list is needed here. What lint adds: Node's modules do not exist in a browser,
    // and stray console.log calls would end up in every operator's developer tools.
    files: ['src/web/console/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'The console runs in a browser: no Node modules. / コンソールはブラウザで動くため Node のモジュールは使えません。' }] }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Tests read JSON answers loosely; the assertions are the types there.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
