import { mkdirSync } from 'node:fs';
import { createEmbeddedBackend } from '../../../server/embedded/backend';
import { portFromEnv, serveBackend } from '../../../server/http/run';
import { createLogger } from '../../../server/lib/logger';
import { createRecordingTables, recordingHandlers } from './recording-handler';

/**
 * The hosted server as server/hosted/main.ts composes it, with the recording handler for
 * subscription events and a short lease (so events a killed process held come back within
 * the test's time). Started by the exactly-once test as a child process it can SIGKILL.
 */
async function main(): Promise<void> {
  const dataDir = process.env.TOLLGATE_SERVER_DATA_DIR;
  if (!dataDir) throw new Error('TOLLGATE_SERVER_DATA_DIR must name the data directory');
  mkdirSync(dataDir, { recursive: true });
  const logger = createLogger({ name: 'tollgate-webhook-test-server' });
  const backend = await createEmbeddedBackend({
    dataDir,
    logger,
    demo: false,
    gatewayConfig: {},
    smtpConfig: null,
    stripeEvents: { poll: false, handlers: recordingHandlers, leaseMs: 2000 },
  });
  createRecordingTables(backend.database.sqlite);
  const { url } = await serveBackend({
    backend,
    port: portFromEnv(process.env.PORT),
    clientKind: 'hosted',
    logger,
  });
  process.stdout.write(`Webhook test server: ${url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`webhook test server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
