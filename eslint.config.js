import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-cli/', 'node_modules/', 'test-results/', 'playwright-report/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The grader is pure: it runs in Node and in every extension context alike.
    files: ['src/scoring/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/background/**', '**/popup/**', '**/devtools/**', '**/ui/**', '**/options/**', '**/shared/**'], message: 'The grader must not depend on extension code.' },
            { group: ['webextension-polyfill'], message: 'The grader must not use browser APIs.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'browser', 'chrome', 'window', 'document'],
    },
  },
  {
    // The UIs reach the background only through the typed connector in src/ui.
    files: ['src/popup/**', 'src/devtools/**', 'src/options/**', 'src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/background/**'], message: 'Use the connector in src/ui instead.' }] },
      ],
    },
  },
  {
    // Command-line tools, tests and scripts print to the terminal on purpose.
    files: ['scripts/**', 'e2e/**', 'src/cli/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
