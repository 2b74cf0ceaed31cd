import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS =
  'assert buffer child_process crypto dns events fs http http2 net os path perf_hooks process readline stream timers tls url util worker_threads zlib'.split(
    ' ',
  );

/** Import boundaries between runtimes; each message says why the line exists. */
const sharedBoundary = {
  patterns: [
    {
      group: [
        '**/server/**',
        '**/renderer/**',
        '**/electron/**',
        '../server*',
        '../renderer*',
        '../electron*',
      ],
      message:
        'shared/ is isomorphic: it runs in the renderer, the server and Electron, so it imports only shared/.',
    },
    {
      group: ['node:*', ...NODE_BUILTINS, 'electron', 'react', 'react-dom', 'better-sqlite3', 'kysely'],
      message: 'shared/ must not depend on a runtime (Node, DOM, Electron, React, the database).',
    },
  ],
};

const serverBoundary = {
  paths: [
    { name: 'electron', message: 'server/ also runs on the hosted server, where there is no Electron.' },
  ],
  patterns: [
    {
      group: ['**/renderer/**', '**/electron/**'],
      message:
        'server/ must not reach into the UI or the Electron shell; they depend on it, not the reverse.',
    },
  ],
};

/**
 * A file `depth` folders below its module's root leaves the module with `depth + 1` `../`
 * steps; only such imports must go through the other module's index.ts.
 */
const moduleBoundary = (depth) => ({
  patterns: [
    {
      regex: `^${'\\.\\./'.repeat(depth + 1)}[^/.]+/(?!index$).+`,
      message: 'Reach another module only through its index.ts, so its insides can change freely.',
    },
  ],
});

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', sharedBoundary] },
  },
  {
    files: ['server/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', serverBoundary] },
  },
  ...[0, 1, 2].map((depth) => ({
    files: [`server/modules/*/${'*/'.repeat(depth)}*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: serverBoundary.paths,
          patterns: [...serverBoundary.patterns, ...moduleBoundary(depth).patterns],
        },
      ],
    },
  })),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '../server*'],
              allowTypeImports: true,
              message: 'The renderer talks to the backend over tRPC: import only types from server/.',
            },
            {
              group: ['node:*', ...NODE_BUILTINS, 'electron', 'better-sqlite3'],
              message:
                'The renderer is a sandboxed web page: no Node or Electron APIs (the preload bridge is the way).',
            },
          ],
        },
      ],
    },
  },
);
