import { serveBackend } from '../http/run';
import { createLogger } from '../lib/logger';
import { createHostedBackend } from './backend';
import { hostedConfigFromEnv } from './config';

/**
 * The hosted server (`npm run server`): the same router over HTTP with its own database
 * and accounts. Configured from the environment (see server/hosted/config.ts); stops on
 * SIGTERM/SIGINT after finishing the requests and the background work in hand.
 */
async function main(): Promise<void> {
  const config = hostedConfigFromEnv(process.env);
  const logger = createLogger({ name: 'tollgate-server' });
  const backend = await createHostedBackend({ config, logger });
  const { url } = await serveBackend({
    backend,
    port: config.port,
    host: config.host,
    // Every call proves itself with a bearer token, so a reverse proxy's Host name is fine.
    anyHost: true,
    trustedProxies: config.trustedProxies,
    clientKind: 'hosted',
    logger,
    rest: { limits: config.restLimits },
  });
  logger.info({ dataDir: config.dataDir, host: config.host }, 'data directory');
  process.stdout.write(`Tollgate server: ${url} (health: ${url}/healthz)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`tollgate-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
