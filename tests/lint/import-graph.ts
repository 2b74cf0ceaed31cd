// Prints madge's import graph of the given folders as JSON: `node --import tsx import-graph.ts <tsconfig> <path>...`.
// It runs apart from the test's worker because madge parses every file synchronously, and a
// worker blocked that long on a loaded machine misses vitest's fixed 60 s reply deadline.
import madge from 'madge';

const [tsConfig, ...paths] = process.argv.slice(2);
const result = await madge(paths, {
  fileExtensions: ['ts', 'tsx'],
  tsConfig,
  detectiveOptions: {
    ts: { skipTypeImports: false, mixedImports: true },
    tsx: { skipTypeImports: false, mixedImports: true },
    es6: { skipTypeImports: false },
  },
});
process.stdout.write(JSON.stringify(result.obj()));
