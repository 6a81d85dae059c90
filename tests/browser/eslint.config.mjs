// ESLint's configuration for the theme's page scripts and the browser tests.
// tests/lint/js.sh runs it from the repository root:
//   tests/browser/node_modules/.bin/eslint -c tests/browser/eslint.config.mjs \
//     'themes/**/*.js' 'tests/browser/*.mjs'
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['**/node_modules/**', 'themes/default/crypto.js'] },
  js.configs.recommended,
  {
    // page scripts: classic scripts in the browser, sharing window.accord
    files: ['themes/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script',
      globals: { ...globals.browser }
    },
    rules: {
      strict: ['error', 'function'],
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: 'error',
      'no-implicit-globals': 'error'
    }
  },
  {
    // the tests: ES modules run by node; what they pass to page.evaluate
    // runs in the page, so browser globals are known there too
    files: ['tests/browser/**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser }
    },
    rules: {
      eqeqeq: 'error'
    }
  }
];
