// ESLint (pinned in package.json and package-lock.json), run by `make lint`:
// the site's scripts in docs/assets/ in one modern style, that of
// challenge-form.js: const and let, arrow functions for callbacks, shorthand
// properties, strict mode in each script's own function, no globals.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    // The site's own scripts: classic scripts (no modules), each in a function of its own, for current browsers.
    files: ["docs/assets/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: globals.browser },
    rules: {
      strict: ["error", "function"],
      "no-var": "error",
      "prefer-const": "error",
      "prefer-arrow-callback": "error",
      "object-shorthand": "error",
      "prefer-rest-params": "error",
      "prefer-spread": "error",
      "no-implicit-globals": "error",
      eqeqeq: "error",
      curly: ["error", "multi-line"],
    },
  },
  {
    // Tools the tests run in Node.js.
    files: ["**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
  { ignores: ["node_modules/", "site/", ".site-*/", ".venv*/", "benchmarks/node_modules/"] },
];
