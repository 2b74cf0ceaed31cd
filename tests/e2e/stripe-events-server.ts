import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEmbeddedBackend } from '../../server/embedded/backend';
import { portFromEnv, serveBackend } from '../../server/http/run';
import { createLogger } from '../../server/lib/logger';
import type { StripeEventHandlers } from '../../server/modules/stripe-events';

/**
 * The console in web mode (as server/embedded/web.ts) for the Stripe events e2e: its
 * invoice.payment_failed handler fails twice and then works, and the retry policy gives up
 * after two attempts half a second apart, so an event is dead-lettered within the test's
 * time, and a replay then applies it.
 */
let calls = 0;
const handlers: StripeEventHandlers = {
  'invoice.payment_failed': () => {
    calls += 1;
    return calls <= 2
      ? Promise.reject(new Error('invoice in_e2e is not known to Tollgate yet'))
      : Promise.resolve('applied');
  },
};

async function main(): Promise<void> {
  const dataDir = process.env.TOLLGATE_DATA_DIR;
  if (!dataDir) throw new Error('TOLLGATE_DATA_DIR must name the data directory');
  mkdirSync(dataDir, { recursive: true });
  const logger = createLogger({ name: 'tollgate-stripe-events-e2e' });
  const backend = await createEmbeddedBackend({
    dataDir,
    logger,
    demo: false,
    gatewayConfig: {},
    smtpConfig: null,
    stripeEvents: {
      poll: false,
      handlers,
      retry: { baseMs: 500, capMs: 500, maxAttempts: 2, leaseMs: 60_000 },
    },
  });
  const { url } = await serveBackend({
    backend,
    port: portFromEnv(process.env.PORT),
    clientKind: 'web',
    staticDir: fileURLToPath(new URL('../../out/renderer', import.meta.url)),
    logger,
  });
  process.stdout.write(`Webhooks e2e console: ${url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `stripe events e2e console: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
