// Lint configuration (flat config). Type-aware rules catch what matters in an async server (a promise nobody
// awaits, a promise handed to a callback that ignores it); the house rules below keep the architecture in
// DEVELOPERS.md true: config.ts alone reads the environment, services never import GraphQL, lower layers never
// import the domain modules, modules meet only through their index.ts (scripts/eslint/module-boundaries.js), and
// there are no default exports outside configuration files.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { architecturePlugin } from './scripts/eslint/module-boundaries.js';

// Plain .js/.mjs files run on Node: their globals are exactly what this Node (the pinned one) defines.
const nodeGlobals = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly']));

const noDefaultExport = [
  {
    selector: 'ExportDefaultDeclaration',
    message: 'Use a named export: default exports are only for tool configuration files.',
  },
  {
    selector: 'ExportNamedDeclaration > ExportSpecifier[exported.name="default"]',
    message: 'Use a named export: default exports are only for tool configuration files.',
  },
];

export default defineConfig([
  globalIgnores([
    'dist/',
    'node_modules/',
    'coverage/',
    '.data/',
    '.data-*/',
    'data/',
    'src/generated/',
    'src/gql/',
    '**/*.d.ts',
  ]),

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,

  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Promises: the bugs that lose work or crash the process.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Only where it changes behaviour: a promise returned un-awaited inside try/catch escapes the catch.
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],

      // Unused code: `_`-prefixed names say "deliberately unused" (callback signatures, destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],

      // Types imported only as types, so the emitted JS never loads a module for a type. (The rule skips files
      // with decorators, where emitDecoratorMetadata needs the value import.)
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],

      // Async methods that implement a Promise-returning port without awaiting (MemoryCache) are fine.
      '@typescript-eslint/require-await': 'off',
      // Template literals with numbers, booleans and nullish values are deliberate in messages.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true, allowAny: false, allowNever: false },
      ],

      eqeqeq: ['error', 'smart'],
      'no-throw-literal': 'off', // superseded by the type-aware rule below
      '@typescript-eslint/only-throw-error': 'error',
    },
  },

  // House rules for the application code.
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...noDefaultExport],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through loadConfig() in src/config.ts: it is the only reader of process.env.',
        },
      ],
    },
  },
  {
    // Modules meet only through their index.ts; src/graphql, src/lib, src/infra and src/server import none.
    files: ['src/**/*.ts'],
    plugins: { architecture: architecturePlugin },
    rules: { 'architecture/module-boundaries': 'error' },
  },
  {
    files: ['src/config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/modules/**/*.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['graphql', 'graphql/*', 'type-graphql', '@apollo/*', 'graphql-ws', 'graphql-scalars'],
              message: 'Services hold domain logic and never import GraphQL: map to GraphQL in the resolver.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/infra/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '**/server/**'],
              message: 'infra/ provides ports and adapters; it must not depend on domain modules or the server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noDefaultExport] },
  },
  {
    // Tests hand methods to expect()/vi.spyOn, use asymmetric matchers (expect.any() is typed `any`) and read
    // parsed JSON responses: these rules only add noise there. Promise rules stay on: an un-awaited
    // `expect(...).rejects` is a test that cannot fail.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // Plain JavaScript (this file, scripts/*.mjs): no type information, Node globals.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: nodeGlobals },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
]);
