// ESLint for the site's own browser scripts (tests/test_code_style.py runs it): the recommended
// rules, browser globals, classic scripts (no ES modules: Chromium runs no module script from
// file://, and the offline copy must work there). Material's files are not ours to lint.
// CommonJS, and the packages are found where scripts/test installs them (.venv/npm/), so no
// package.json is needed.
'use strict';

const path = require('node:path');

function load(name) {
  return require(require.resolve(name, { paths: [__dirname, path.join(__dirname, '.venv', 'npm')] }));
}

const js = load('@eslint/js');
const globals = load('globals');

module.exports = [
  {
    ignores: [
      'docs/en/assets/javascripts/vendor/**', // Material's search worker shim and its licence
      'docs/en/assets/javascripts/material-globals.js', // Material's own set-up code, copied as it is
      'site/**',
      'site-offline/**',
      '.venv/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['src/decision_trees/client/**/*.js', 'docs/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script',
      globals: globals.browser,
    },
  },
  {
    files: ['eslint.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
];
