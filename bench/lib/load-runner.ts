import autocannon from 'autocannon';

/**
 * Runs one autocannon load in its own process, told what to run by its parent over IPC, and
 * answers with the result: the server under test keeps its process (and its CPU figures) to
 * itself. Started by bench/lib/load.ts.
 */
process.once('message', (options: autocannon.Options) => {
  autocannon(options)
    .then((result) => process.send?.(result, () => process.exit(0)))
    .catch((error: unknown) => {
      process.stderr.write(`load runner: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
});
