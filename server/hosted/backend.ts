import { join } from 'node:path';
import {
  CLIENT_HEADER,
  createContext,
  TENANT_HEADER,
  type ClientInfo,
  type Context,
  type Services,
} from '../trpc/context';
import { appRouter, type AppRouter } from '../app/router';
import {
  bootstrapOwner,
  principalFromAuthorization,
  SignInGuard,
  type AuthSettings,
  type SignInLimits,
} from '../auth';
import { settleKeyUseWrites } from '../auth/api-key-cache';
import { closeValidationLog } from '../modules/licensing';
import { throttleFor } from '../auth/sign-in-store';
import { DEFAULT_SCRYPT, type ScryptParams } from '../auth/passwords';
import { backendServices, openServerDatabase, parseClient, startAuthorityWork } from '../backend/runtime';
import type { AppDatabase } from '../db/connection';
import type { ServedBackend } from '../http/run';
import { systemClock, type Clock } from '../lib/clock';
import { DomainError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { chainUnlinkedEntries } from '../commands/audit-chain';
import type { StripeEventsOptions } from '../modules/stripe-events';
import { nextHousekeepingAt, scheduleHousekeeping } from '../ops/housekeeping';
import type { HostedConfig } from './config';
import { secretKeysFromEnv } from '../lib/secret-box';
import { prepareSecretsAtRest } from '../backend/seal-secrets';
import { backupsIdle, scheduleBackups, type BackupRuntime } from '../modules/backups';
import { startExportRunner } from '../modules/reports';

/**
 * The hosted server's backend: the authority for its tenants, like the desktop's embedded
 * backend, but with accounts. Nobody acts by default: each request is whoever its
 * Authorization header proves (a signed-in user or an API key), or nobody.
 */

export interface HostedBackend extends ServedBackend {
  router: AppRouter;
  services: Services;
  database: AppDatabase;
  contextFromHeaders(
    read: (name: string) => string | null | undefined,
    defaultKind: ClientInfo['kind'],
    clientAddress?: string | null,
  ): Promise<Context>;
}

export interface HostedOptions {
  config: Pick<HostedConfig, 'dataDir' | 'postgres' | 'tokenKey' | 'owner' | 'gateway' | 'smtp'> &
    Partial<Pick<HostedConfig, 'backups' | 'secretKeys'>>;
  logger: Logger;
  clock?: Clock;
  /** Password hashing cost; tests lower it. */
  scrypt?: ScryptParams;
  /** Sign-in throttling; tests tighten or loosen it. */
  signInLimits?: SignInLimits;
  /** Stripe delivers to this server's webhook endpoint, so by default it does not poll the events list. */
  stripeEvents?: StripeEventsOptions;
}

export const NO_ACCOUNTS =
  'This server has no accounts yet: set TOLLGATE_OWNER_EMAIL and TOLLGATE_OWNER_PASSWORD for its first start';

async function ensureOwner(database: AppDatabase, options: HostedOptions, auth: AuthSettings, now: number) {
  const { owner } = options.config;
  if (owner) {
    await bootstrapOwner(database.db, { ...owner, now, scrypt: auth.scrypt, logger: options.logger });
    return;
  }
  const anyUser = await database.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (!anyUser) throw new Error(NO_ACCOUNTS);
}

/** The database backups are taken of: the same one openServerDatabase opens. */
function backupRuntime(config: HostedOptions['config'], settings: BackupRuntime['settings']): BackupRuntime {
  const source: BackupRuntime['source'] = config.postgres
    ? { kind: 'postgres', url: config.postgres.url }
    : { kind: 'sqlite', path: join(config.dataDir, 'tollgate.sqlite') };
  return { source, settings };
}

export async function createHostedBackend(options: HostedOptions): Promise<HostedBackend> {
  const clock = options.clock ?? systemClock;
  const { logger, config } = options;
  const database = await openServerDatabase({ dataDir: config.dataDir, postgres: config.postgres ?? null });
  const auth: AuthSettings = {
    tokenKey: config.tokenKey,
    scrypt: options.scrypt ?? DEFAULT_SCRYPT,
    // Once per window and bound, not per refused request: a flood must not flood the log too.
    guard: new SignInGuard(
      options.signInLimits,
      ({ by, address }) => logger.warn({ by, address }, 'sign-in attempts throttled'),
      // Shared by every instance on PostgreSQL (decision 111), in memory on SQLite.
      throttleFor(database, (error) => logger.warn({ err: error }, 'sweeping expired sign-in counts failed')),
    ),
  };
  try {
    // Signing secrets sealed under the configured key before anything reads one (issue 13).
    const sealed = await prepareSecretsAtRest(
      database,
      config.secretKeys ?? secretKeysFromEnv(process.env, config.dataDir),
    );
    logger.info({ sealed }, 'webhook signing secrets are sealed at rest');
    // Bulk loads write audit entries unchained on SQLite only (server/demo/bulk-load.ts).
    if (database.dialect === 'sqlite') chainUnlinkedEntries(database.sqlite);
    await ensureOwner(database, options, auth, clock.now());
    const services = backendServices(database, {
      clock,
      logger,
      mode: 'hosted',
      gatewayConfig: config.gateway,
      auth,
    });
    // The first housekeeping run; each run schedules the next (a no-op when already scheduled).
    await scheduleHousekeeping(database.db, nextHousekeepingAt(clock.now()), clock.now());
    if (config.backups) services.backups = backupRuntime(config, config.backups);
    // Exports are written here (TOLLGATE_EXPORTS_DIR, default the data folder's exports/): see docs/exports.md.
    services.exports = await startExportRunner({
      db: database.db,
      directory: process.env.TOLLGATE_EXPORTS_DIR ?? join(config.dataDir, 'exports'),
      now: clock.now(),
      logger,
    });
    const stopWork = await startAuthorityWork(services, {
      smtp: config.smtp,
      stripeEvents: options.stripeEvents ?? { poll: false },
    });
    await scheduleBackups(services);
    return {
      router: appRouter,
      services,
      database,
      contextFromHeaders: async (read, defaultKind, clientAddress = null) => {
        const base = {
          services,
          clientAddress,
          requestedTenantId: read(TENANT_HEADER) ?? null,
          client: parseClient(read(CLIENT_HEADER), defaultKind),
        };
        try {
          const principal = await principalFromAuthorization(
            database.db,
            auth.tokenKey,
            read('authorization'),
            clock.now(),
            {
              address: clientAddress,
              onError: (error) => logger.warn({ err: error }, 'recording an API key’s last use failed'),
            },
          );
          return createContext({ ...base, principal });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          return createContext({ ...base, principal: null, authError: error });
        }
      },
      close: async () => {
        auth.guard.close();
        await stopWork();
        await backupsIdle(services);
        await services.exports?.idle();
        await settleKeyUseWrites(database.db);
        await closeValidationLog(database.db);
        await database.close();
      },
    };
  } catch (error) {
    auth.guard.close();
    await database.close();
    throw error;
  }
}
