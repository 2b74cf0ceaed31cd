import { serveBackend } from '../http/run';
import { createLogger } from '../lib/logger';
import { logScrubber } from '../ops/log-scrub';
import { createHostedBackend } from './backend';
import { configuredSecrets, hostedConfigFromEnv } from './config';

/**
 * The hosted server (`npm run server`): the same router over HTTP with its own database
 * and accounts. Configured from the environment (see server/hosted/config.ts); stops on
 * SIGTERM/SIGINT after finishing the requests and the background work in hand.
 */
async function main(): Promise<void> {
  const config = hostedConfigFromEnv(process.env);
  const logger = createLogger({
    name: 'tollgate-server',
    scrub: logScrubber(configuredSecrets(process.env)),
  });
  const { url } = await serveBackend({
    // Listens first, so /readyz answers 503 while the database is opened and migrated.
    backend: () => createHostedBackend({ config, logger }),
    onListening: (starting) => process.stdout.write(`Tollgate server starting: ${starting}\n`),
    metricsToken: config.metricsToken,
    drainMs: config.drainMs,
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
  process.stdout.write(`Tollgate server: ${url} (health: ${url}/healthz, readiness: ${url}/readyz)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`tollgate-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
