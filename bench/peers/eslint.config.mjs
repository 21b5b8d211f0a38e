// ESLint flat config of the benchmark: eslint-plugin-n with two rules that are peers of snag's
// read-file-sync / sync-io-in-handler (n/no-sync) and of its fs advice (n/prefer-promises/fs).
// bench/run.py copies this file next to the ESLint install (bench/cache/tools/eslint/) so that the imports
// resolve there, and runs `eslint -c <copy> --no-inline-config` from the corpus folder.
import n from "eslint-plugin-n";
import tsParser from "@typescript-eslint/parser";

export default [
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs", "**/*.jsx", "**/*.ts", "**/*.mts", "**/*.cts", "**/*.tsx"],
    plugins: { n },
    linterOptions: { reportUnusedDisableDirectives: "off" },
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      // Node's CommonJS globals, so that n/prefer-promises/fs can track `require("fs")`.
      globals: {
        require: "readonly", module: "writable", exports: "writable", __dirname: "readonly",
        __filename: "readonly", process: "readonly", Buffer: "readonly", console: "readonly", global: "readonly",
      },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: {
      "n/no-sync": "error",
      "n/prefer-promises/fs": "error",
    },
  },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" } },
  { files: ["**/*.ts", "**/*.mts", "**/*.cts", "**/*.tsx"], languageOptions: { parser: tsParser } },
];
