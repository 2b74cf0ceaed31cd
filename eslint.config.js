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

/**
 * The server's layers, bottom to top. A file imports its own layer and the ones below, never
 * one above, types included: a lower layer that reached up would make a circle through
 * everything between (tests/lint/import-circles.int.test.ts proves there is none). What a lower
 * layer needs from above it declares as a port, and the layer above implements it (see
 * server/trpc/context.ts).
 */
const SERVER_LAYERS = [
  { name: 'lib', folders: ['lib'], holds: 'general helpers (clock, errors, logging, cursors)' },
  { name: 'db', folders: ['db'], holds: 'the schema, migrations and connection' },
  { name: 'content', folders: ['content-store'], holds: 'stored files (course content packages)' },
  { name: 'gateways', folders: ['gateways'], holds: 'payment gateways (Stripe, sandbox)' },
  { name: 'jobs', folders: ['jobs'], holds: 'the durable job queue' },
  { name: 'commands', folders: ['commands'], holds: 'what every command writes: audit, change log' },
  { name: 'trpc', folders: ['trpc'], holds: 'the tRPC base: context, procedure builders, errors' },
  { name: 'modules', folders: ['modules', 'auth'], holds: 'the domains and sign-in' },
  { name: 'sync', folders: ['sync'], holds: 'replication between server and desktops' },
  { name: 'app', folders: ['app'], holds: 'the app router, assembled from every module' },
  {
    name: 'hosts',
    folders: ['backend', 'http', 'embedded', 'hosted', 'demo', 'testing'],
    holds: 'the programs that run it all',
  },
];

/** Deeper than any server file (server/modules/billing/queries/x.ts is 3). */
const SERVER_MAX_DEPTH = 6;

/** The imports a file `depth` folders below server/, in layer `index`, may not make. */
function layerBoundary(index, depth) {
  const layer = SERVER_LAYERS[index];
  return SERVER_LAYERS.slice(index + 1).map((above) => ({
    regex: `^${'\\.\\./'.repeat(depth)}(${above.folders.join('|')})(/|$)`,
    message:
      `server/${layer.folders[0]} (${layer.name}: ${layer.holds}) may not import ${above.name} ` +
      `(${above.holds}), a layer above it: that would tie the layers into a circle. ` +
      'Declare a port in the lower layer and let the higher one implement it.',
  }));
}

/** Production code never reaches test helpers (`*.test-kit.ts`) or tests/: they never ship. */
const testKitBoundary = {
  group: ['**/*.test-kit', '**/tests/**', '../tests*'],
  message: 'Test helpers (*.test-kit.ts, tests/) are for tests only and never ship in the build.',
};

/** Every server file outside tests gets the runtime walls, its layer's wall and, in a module, the module wall. */
const serverLayerConfigs = SERVER_LAYERS.flatMap((layer, index) =>
  layer.folders.flatMap((folder) =>
    Array.from({ length: SERVER_MAX_DEPTH }, (_, i) => i + 1).map((depth) => ({
      files: [`server/${folder}/${'*/'.repeat(depth - 1)}*.ts`],
      ignores: ['**/*.test.ts', '**/*.test-kit.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            paths: serverBoundary.paths,
            patterns: [
              ...serverBoundary.patterns,
              testKitBoundary,
              ...layerBoundary(index, depth),
              ...(folder === 'modules' && depth >= 2 ? moduleBoundary(depth - 2).patterns : []),
            ],
          },
        ],
      },
    })),
  ),
);

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
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [...sharedBoundary.patterns, testKitBoundary] },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', serverBoundary] },
  },
  // Tests and test kits keep the runtime and module walls; the layer walls are for what ships.
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
  ...serverLayerConfigs,
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
              group: ['**/server/**', '../server*', '!@trpc/server/**'],
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
