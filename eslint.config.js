import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The layer rules: the engine is pure computation (no Electron, DOM, React or Node I/O outside
// src-engine/io); the renderer talks to the rest only through the API contract, and shares with the
// engine only src-engine/shared (test/main/tooling/layerRule.test.ts proves the rule bites).
const engineImports = {
  patterns: [
    { group: ['electron', 'electron/*'], message: 'src-engine must not import Electron.' },
    { group: ['react', 'react-dom', 'ag-grid-*', 'plotly.js*'], message: 'src-engine must not import UI code.' },
    { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: 'Node I/O belongs in src-engine/io (the thin I/O edge).' },
    { group: ['**/src-main/**', '**/src-renderer/**', '../../src-main/*', '../../src-renderer/*'], message: 'src-engine imports nothing from the app layers.' },
  ],
};
// One dense matrix type: ml-matrix only behind linalg/mlMatrixAdapter.ts, which only linalg/lapack.ts reads.
const oneMatrixType = [
  { group: ['ml-matrix', '**/mlMatrixAdapter'], message: 'Dense linear algebra goes through src-engine/linalg/lapack (column-major Float64Array).' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-web/**', 'out/**', 'test-results/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // small functions, one concept each: the few math kernels that stay longer say why where they are
    files: ['src-engine/**/*.ts', 'src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['src-engine/**/*.ts'],
    ignores: ['src-engine/io/**', 'src-engine/linalg/lapack.ts', 'src-engine/linalg/mlMatrixAdapter.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...engineImports.patterns, ...oneMatrixType] }] },
  },
  {
    files: ['src-engine/linalg/lapack.ts', 'src-engine/linalg/mlMatrixAdapter.ts'],
    rules: { 'no-restricted-imports': ['error', engineImports] },
  },
  {
    // BOBYQA's sources are also AssemblyScript (src-engine/optim/bobyqa/build-wasm.mjs), which has no
    // type-only imports and has i32/f64 built in (TS reads them from portable.d.ts, by a reference, since
    // an import would reach AssemblyScript too); assembly/ holds the AssemblyScript-only modules
    files: ['src-engine/optim/bobyqa/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off', '@typescript-eslint/triple-slash-reference': 'off' },
  },
  { ignores: ['src-engine/optim/bobyqa/assembly/**'] },
  {
    // a getter in an object literal gives every object its own V8 map, which kept whole fits alive
    // through the scavenges (docs/performance.md, "Getters in object literals"); classes are fine. The
    // engine only: the main process's job handles (one per request) keep their `started` getters
    files: ['src-engine/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "ObjectExpression > Property[kind='get'], ObjectExpression > Property[kind='set']",
        message: 'No accessors in object literals: add lazily computed fields with withLazy (src-engine/report/lazyProperties.ts), or use a class.',
      }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'node:*', 'better-sqlite3'], message: 'The renderer reaches the app only through the API contract.' },
          {
            regex: String.raw`(^|/)src-main/(?!api/(contract|client)$)`,
            message: 'The renderer reaches src-main only through the API contract (src-main/api/contract, src-main/api/client).',
          },
          {
            regex: String.raw`(^|/)src-engine/(?!shared$)`,
            message: 'The renderer may import only src-engine/shared (the formula grammar and wire types); fits go through the API.',
          },
        ],
      }],
    },
  },
);
