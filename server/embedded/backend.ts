import { join } from 'node:path';
import { userInfo } from 'node:os';
import {
  CLIENT_HEADER,
  createContext,
  TENANT_HEADER,
  type ClientInfo,
  type Context,
  type Principal,
  type Services,
} from '../trpc/context';
import { appRouter, type AppRouter } from '../app/router';
import { backendServices, openDataDir, parseClient, startAuthorityWork } from '../backend/runtime';
import type { AppDatabase } from '../db/connection';
import { createWorkspace, seedDemoWorkspace } from '../demo/seed';
import type { GatewayConfig } from '../gateways/config';
import { systemClock, type Clock } from '../lib/clock';
import { configuredSecrets } from '../hosted/config';
import { createLogger, type Logger } from '../lib/logger';
import { logScrubber } from '../ops/log-scrub';
import { smtpConfigFromEnv, type SmtpConfig } from '../modules/emails';
import type { StripeEventsOptions } from '../modules/stripe-events';
import { chainUnlinkedEntries } from '../commands/audit-chain';
import { loadPrincipal, readSetting, writeSetting } from '../modules/tenants';
import { connectedContext, startDesktopConnection, type DesktopSyncOptions } from '../sync/desktop/embedded';
import { prepareSecretsAtRest } from '../backend/seal-secrets';
import { secretKeysFromEnv } from '../lib/secret-box';
import { startExportRunner } from '../modules/reports';

export interface EmbeddedOptions {
  /** Folder holding tollgate.sqlite; created if missing. */
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** better_sqlite3.node built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  /** Fill a new workspace with demo customers (the default for a first run). */
  demo?: boolean;
  /** The payment gateway; read from the environment (STRIPE_SECRET_KEY…) when omitted. */
  gatewayConfig?: GatewayConfig;
  /** How Stripe events reach the inbox and who applies them; see StripeEventsOptions. */
  stripeEvents?: StripeEventsOptions;
  /** Where emails go; read from the environment (SMTP_HOST…) when omitted; null: held in the outbox. */
  smtpConfig?: SmtpConfig | null;
  /** Connected mode: where the server sign-in is kept (Electron: the keychain) and how the server is reached. */
  sync?: DesktopSyncOptions;
}

export interface EmbeddedBackend {
  router: AppRouter;
  services: Services;
  database: AppDatabase;
  principal: Principal;
  /** Builds a request's context from the headers the console sends, over HTTP or IPC. */
  contextFromHeaders(
    read: (name: string) => string | null | undefined,
    defaultKind: ClientInfo['kind'],
  ): Context;
  close(): Promise<void>;
}

/** Makes the local owner and, on a first run, the demo workspace. Idempotent across restarts. */
async function ensureWorkspace(
  database: AppDatabase,
  clock: Clock,
  demo: boolean,
  logger: Logger,
): Promise<string> {
  const existing = await readSetting(database.db, 'local.owner');
  if (existing) return existing;
  const who = userInfo().username || 'owner';
  const { owner, tenant } = await createWorkspace(database.db, {
    ownerName: who,
    ownerEmail: `${who.toLowerCase().replace(/[^a-z0-9._-]/g, '') || 'owner'}@localhost`,
    tenantName: demo ? 'Lumen Academy (demo)' : 'My workspace',
    tenantSlug: demo ? 'lumen-demo' : 'workspace',
    now: clock.now(),
  });
  if (demo) {
    const started = performance.now();
    await seedDemoWorkspace({
      db: database.db,
      sqlite: database.sqlite,
      tenantId: tenant.id,
      ownerId: owner.id,
      now: clock.now(),
      logger,
    });
    await writeSetting(database.db, 'workspace.demo', 'true');
    logger.info({ ms: Math.round(performance.now() - started) }, 'created the demo workspace');
  }
  return owner.id;
}

/** The backend a desktop runs for itself (standalone mode): in Electron's main process or for web mode. */
export async function createEmbeddedBackend(options: EmbeddedOptions): Promise<EmbeddedBackend> {
  const clock = options.clock ?? systemClock;
  const logger =
    options.logger ??
    createLogger({ name: 'tollgate-embedded', scrub: logScrubber(configuredSecrets(process.env)) });
  // Checked before anything opens: a bad SMTP_ variable stops the start with a message naming it.
  const smtp = options.smtpConfig !== undefined ? options.smtpConfig : smtpConfigFromEnv(process.env);
  const database = openDataDir(options.dataDir, options.nativeBinding);
  try {
    // Signing secrets sealed at rest (issue 13): TOLLGATE_SECRETS_KEY when set, else a key
    // generated once in the data folder (secrets.key, owner-only), before anything reads one.
    await prepareSecretsAtRest(database, secretKeysFromEnv(process.env, options.dataDir));
    const ownerId = await ensureWorkspace(database, clock, options.demo ?? true, logger);
    // Entries from before the audit chain existed join it once, in the order they were written.
    chainUnlinkedEntries(database.sqlite);
    const principal = await loadPrincipal(database.db, ownerId);
    const services = backendServices(database, {
      clock,
      logger,
      mode: 'standalone',
      gatewayConfig: options.gatewayConfig,
    });
    // Exports are files in the data folder, listed in this database in every mode (docs/exports.md).
    services.exports = await startExportRunner({
      db: database.db,
      directory: join(options.dataDir, 'exports'),
      now: clock.now(),
      logger,
    });
    // Standalone, this backend is its tenants' authority: it runs their renewals and retries.
    const stopWork = await startAuthorityWork(services, { smtp, stripeEvents: options.stripeEvents });
    // Connected to a hosted server, the console reads a separate replica; standalone data stays as it was.
    services.connection = await startDesktopConnection(services, options);
    const connection = services.connection;
    return {
      router: appRouter,
      services,
      database,
      principal,
      contextFromHeaders: (read, defaultKind) => {
        const client = parseClient(read(CLIENT_HEADER), defaultKind);
        return (
          connectedContext(connection, services, read, client) ??
          createContext({ services, principal, requestedTenantId: read(TENANT_HEADER) ?? null, client })
        );
      },
      close: async () => {
        await connection.close();
        await stopWork();
        await services.exports?.idle();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
