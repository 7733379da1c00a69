// ESLint (flat config) for the ES modules of both addons, as Odoo 18 loads them: the
// `@odoo/owl` and `@web/...` imports are resolved by Odoo's module loader, not by Node.
import js from "@eslint/js";
import globals from "globals";

export default [
    {
        ignores: ["node_modules/", ".cache/", "build/", "dist/"],
    },
    js.configs.recommended,
    {
        files: ["acf_appeals*/static/**/*.{js,mjs}"],
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: "module",
            globals: {
                ...globals.browser,
                // Globals of Odoo's web client: the module loader and the bundled libraries.
                odoo: "readonly",
                owl: "readonly",
                luxon: "readonly",
                Chart: "readonly",
            },
        },
        rules: {
            "no-unused-vars": ["error", { args: "none" }],
            "no-var": "error",
            "prefer-const": "error",
            eqeqeq: ["error", "smart"],
            curly: "error",
            "no-console": "error",
            "object-shorthand": "error",
        },
    },
];
