import { join } from 'node:path';
import { createEmbeddedBackend } from '../embedded/backend';
import { defaultDataDir } from '../embedded/data-dir';
import { portFromEnv, serveBackend } from '../http/run';
import { createLogger } from '../lib/logger';

/**
 * The hosted server: the same router over HTTP with its own database. Until accounts
 * and sign-in exist it acts as its local owner, which is why it binds to 127.0.0.1 only.
 */
async function main(): Promise<void> {
  const logger = createLogger({ name: 'tollgate-server' });
  const dataDir = process.env.TOLLGATE_SERVER_DATA_DIR ?? join(defaultDataDir(), 'server');
  // Stripe delivers to this server's webhook endpoint, so it does not poll the events list too.
  const backend = await createEmbeddedBackend({
    dataDir,
    logger,
    demo: false,
    stripeEvents: { poll: false },
  });
  const { url } = await serveBackend({
    backend,
    port: portFromEnv(process.env.PORT),
    clientKind: 'hosted',
    logger,
  });
  logger.info({ dataDir }, 'data directory');
  process.stdout.write(`Tollgate server: ${url} (health: ${url}/healthz)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`tollgate-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
