// ESLint flat config for the whole workspace. `pnpm lint` runs it from the
// root; each package's `lint` script (`eslint .`) finds this file by walking up.
// Syntax-only rules (no type information) so linting stays fast and needs no build.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "**/coverage/**",
      "**/.turbo/**",
      "**/*.d.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_`-prefixed names mark deliberately unused parameters, bindings and
      // destructured leftovers (`const { password: _, ...safe } = opts`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          args: "after-used",
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // Libraries log through pino; stray console calls are debugging leftovers.
      "no-console": "error",
      // Switch CLIs speak in control characters (ANSI escapes, NUL keep-alives,
      // backspaces); matching them in a RegExp is the point, not a typo.
      "no-control-regex": "off",
    },
  },
  {
    // Commands, tools, scripts and tests talk to a terminal on purpose.
    files: [
      "packages/cli/src/bin.ts",
      "tools/**",
      "scripts/**",
      "**/test/**",
      "*.config.{js,ts}",
    ],
    rules: { "no-console": "off" },
  },
);
