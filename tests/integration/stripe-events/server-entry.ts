import { serveBackend } from '../../../server/http/run';
import { createHostedBackend } from '../../../server/hosted/backend';
import { hostedConfigFromEnv } from '../../../server/hosted/config';
import { createLogger } from '../../../server/lib/logger';
import { RETRY_POLICIES } from '../../../server/lib/retry-policy';

/**
 * The hosted server as server/hosted/main.ts composes it, configured from the same variables
 * (its data on SQLite in TOLLGATE_SERVER_DATA_DIR, or on PostgreSQL at DATABASE_URL; the
 * gateway from STRIPE_*, which the exactly-once tests point at their Stripe fake), with the
 * Stripe Billing mirror's own event handlers. Only the lease is short, so events a killed
 * process held come back within the test's time. Started as a child process a test can SIGKILL.
 */
async function main(): Promise<void> {
  const config = hostedConfigFromEnv(process.env);
  if (!config.gateway.stripeSecretKey) throw new Error('STRIPE_SECRET_KEY must name the Stripe account');
  const logger = createLogger({ name: 'tollgate-webhook-test-server' });
  const backend = await createHostedBackend({
    config,
    logger,
    stripeEvents: { poll: false, retry: { ...RETRY_POLICIES.stripeEvents, leaseMs: 2000 } },
  });
  const { url } = await serveBackend({
    backend,
    port: config.port,
    anyHost: true,
    clientKind: 'hosted',
    logger,
  });
  process.stdout.write(`Webhook test server: ${url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`webhook test server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
