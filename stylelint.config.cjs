// Stylelint for the site's own stylesheets (tests/test_code_style.py runs it): the recommended rules,
// which catch mistakes (unknown properties, invalid values, duplicates, deprecated properties), not
// style; Prettier owns the layout. Material's stylesheets are not ours to lint. CommonJS, and the
// packages are found where scripts/test installs them (.venv/npm/), as in eslint.config.js.
'use strict';

const path = require('node:path');

const resolve = (name) => require.resolve(name, { paths: [__dirname, path.join(__dirname, '.venv', 'npm')] });

module.exports = {
    extends: [resolve('stylelint-config-recommended')],
    rules: {
        // It compares every pair of selectors that end alike, whatever they select, so it fires on
        // rules for different elements (a cell's list and the contents list, a link's focus ring and a
        // later link's colour) whose order does not matter. The browser tests check what is drawn.
        'no-descending-specificity': null,
    },
};
