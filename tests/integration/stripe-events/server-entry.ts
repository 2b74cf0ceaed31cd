import { mkdirSync } from 'node:fs';
import { createEmbeddedBackend } from '../../../server/embedded/backend';
import { portFromEnv, serveBackend } from '../../../server/http/run';
import { createLogger } from '../../../server/lib/logger';
import { RETRY_POLICIES } from '../../../server/lib/retry-policy';

/**
 * The hosted server as server/hosted/main.ts composes it: the Stripe Billing mirror's own event
 * handlers, and the gateway from STRIPE_* variables (the exactly-once test points them at
 * its Stripe fake). Only the lease is short, so events a killed process held come back
 * within the test's time. Started as a child process the test can SIGKILL.
 */
async function main(): Promise<void> {
  const dataDir = process.env.TOLLGATE_SERVER_DATA_DIR;
  if (!dataDir) throw new Error('TOLLGATE_SERVER_DATA_DIR must name the data directory');
  if (!process.env.STRIPE_SECRET_KEY) throw new Error('STRIPE_SECRET_KEY must name the Stripe account');
  mkdirSync(dataDir, { recursive: true });
  const logger = createLogger({ name: 'tollgate-webhook-test-server' });
  const backend = await createEmbeddedBackend({
    dataDir,
    logger,
    demo: false,
    smtpConfig: null,
    stripeEvents: { poll: false, retry: { ...RETRY_POLICIES.stripeEvents, leaseMs: 2000 } },
  });
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
