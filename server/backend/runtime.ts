import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readClientHeader } from '../trpc/client-header';
import type { BackendMode, ClientInfo, Services } from '../trpc/context';
import type { AuthSettings } from '../auth/settings';
import { openDatabase, openPostgres, type AppDatabase } from '../db/connection';
import { gatewayConfigFromEnv } from '../gateways';
import type { GatewayConfig } from '../gateways/config';
import { gatewayProvider } from '../gateways/provider';
import { startJobLoop } from '../jobs/runner';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { emailDelivery, startEmailLoop, type SmtpConfig } from '../modules/emails';
import {
  startStripeEventPoller,
  startStripeEventProcessor,
  type StripeEventsOptions,
} from '../modules/stripe-events';
import { stripeBillingHandlers } from '../modules/stripe-billing';
import { appJobHandlers } from '../app/job-handlers';
import { readSetting } from '../modules/tenants';
import { nextFinancePackAt, scheduleFinancePacks } from '../modules/reports';
import { nextRemindersAt, scheduleLicenseReminders } from '../modules/licensing';
import { scheduleMrrBackfills } from '../modules/analytics';
import { emailedNotices, startWebhookDeliveryLoop } from '../modules/webhooks';
import { appProcedures } from '../app/procedures';

/**
 * What the desktop's embedded backend and the hosted server share: the database in a data
 * folder, the services every procedure uses, and the background work of the authority
 * for its tenants (jobs, emails, Stripe events). They differ only in who is acting.
 */

/** Opens (creating if needed) tollgate.sqlite in `dataDir`, migrated. */
export function openDataDir(dataDir: string, nativeBinding?: string): AppDatabase {
  mkdirSync(dataDir, { recursive: true });
  return openDatabase({ path: join(dataDir, 'tollgate.sqlite'), nativeBinding });
}

/** The hosted server's database: PostgreSQL when DATABASE_URL names one, else SQLite in `dataDir`. */
export async function openServerDatabase(location: {
  dataDir: string;
  postgres: { url: string; poolSize: number } | null;
}): Promise<AppDatabase> {
  if (location.postgres) return openPostgres(location.postgres);
  return openDataDir(location.dataDir);
}

export function backendServices(
  database: AppDatabase,
  options: {
    clock: Clock;
    logger: Logger;
    mode: BackendMode;
    gatewayConfig?: GatewayConfig;
    auth?: AuthSettings;
  },
): Services {
  return {
    db: database.db,
    clock: options.clock,
    logger: options.logger,
    mode: options.mode,
    procedures: appProcedures,
    gateways: gatewayProvider(
      options.gatewayConfig ?? gatewayConfigFromEnv(process.env),
      database.db,
      options.clock,
    ),
    ...(options.auth ? { auth: options.auth } : {}),
  };
}

/**
 * Starts the authority's background work; the returned function stops it, each loop
 * finishing the pass in hand, in the order work flows (jobs, emails, Stripe events, then webhooks).
 */
export async function startAuthorityWork(
  services: Services,
  options: { smtp: SmtpConfig | null; stripeEvents?: StripeEventsOptions },
): Promise<() => Promise<void>> {
  const { db, clock, logger } = services;
  // The console says when emails are held; it learns whether SMTP is set, never what it is.
  services.smtpConfigured = options.smtp !== null;
  // The monthly finance pack's first run; each run schedules the next (a no-op when scheduled).
  await scheduleFinancePacks(db, nextFinancePackAt(clock.now()), clock.now());
  // The daily license expiry reminders' first run; each run schedules the next.
  await scheduleLicenseReminders(db, nextRemindersAt(clock.now()), clock.now());
  // Subscriptions from before MRR history (or bulk-loaded) get theirs once (decision 142).
  await scheduleMrrBackfills(db, clock.now());
  const jobs = startJobLoop({
    db,
    clock,
    logger,
    handlers: appJobHandlers(services),
  });
  const emails = startEmailLoop({
    db,
    clock,
    logger,
    ...emailDelivery(options.smtp, { demo: (await readSetting(db, 'workspace.demo')) === 'true' }),
  });
  // Stripe events wait in the inbox (from webhooks or the events list) until applied here.
  const stripeEvents = startStripeEventProcessor({
    db,
    clock,
    logger,
    gateways: services.gateways,
    handlers: options.stripeEvents?.handlers ?? stripeBillingHandlers(),
    retry: options.stripeEvents?.retry,
  });
  const stripePoller =
    (options.stripeEvents?.poll ?? true)
      ? startStripeEventPoller({ db, clock, logger, gateways: services.gateways })
      : null;
  // Outgoing webhooks: events captured with their changes, delivered from their queue.
  const webhooks = startWebhookDeliveryLoop({
    db,
    clock,
    logger,
    gateways: services.gateways,
    notices: emailedNotices,
  });
  return async () => {
    await jobs.stop();
    await emails.stop();
    await stripePoller?.stop();
    await stripeEvents.stop();
    await webhooks.stop();
  };
}

/** The calling program from the client header (`desktop:<id>` or `web:<id>`), else the transport's kind. */
export function parseClient(value: string | null | undefined, defaultKind: ClientInfo['kind']): ClientInfo {
  // Over HTTP a malformed header was already refused; this is for transports without that gate (IPC).
  return readClientHeader(value) ?? { kind: defaultKind, id: 'unknown' };
}
