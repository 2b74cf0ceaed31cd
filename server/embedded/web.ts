import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configuredSecrets } from '../hosted/config';
import { createLogger } from '../lib/logger';
import { logScrubber } from '../ops/log-scrub';
import { portFromEnv, serveBackend } from '../http/run';
import { createEmbeddedBackend } from './backend';
import { defaultDataDir } from './data-dir';

/** Web mode: the desktop's own backend and console, served to a browser on 127.0.0.1. */
async function main(): Promise<void> {
  // Scrubbed as the hosted server's: a Stripe key or SMTP password set here never reaches a log line.
  const logger = createLogger({ name: 'tollgate-web', scrub: logScrubber(configuredSecrets(process.env)) });
  const staticDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
  if (!existsSync(staticDir)) {
    throw new Error('The console is not built yet. Run `npm run web` (it builds first) or `npm run build`.');
  }
  const dataDir = defaultDataDir();
  const backend = await createEmbeddedBackend({ dataDir, logger });
  const { url } = await serveBackend({
    backend,
    port: portFromEnv(process.env.PORT),
    clientKind: 'web',
    staticDir,
    logger,
  });
  logger.info({ dataDir }, 'data directory');
  // The one line a person (or a test harness) looks for.
  process.stdout.write(`Tollgate console (web mode): ${url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`tollgate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
