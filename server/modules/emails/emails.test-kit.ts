import { afterEach, beforeEach } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import { silentLogger } from '../../lib/logger';
import type { SmtpConfig } from './config';
import { runEmailPass } from './loop';
import { smtpMailer, type Mailer } from './mailer';
import { DEFAULT_SEND_POLICY } from './send';

/** The SMTP configuration of a test SMTP server on 127.0.0.1. */
export function loopbackSmtp(port: number, from = 'billing@tollgate.test'): SmtpConfig {
  return { host: '127.0.0.1', port, secure: false, auth: null, requireTls: false, from };
}

/** One deterministic email pass on the world's wall clock. */
export function passIn(world: BillingWorld, mailer: Mailer | null) {
  return runEmailPass({
    db: world.database.db,
    clock: world.clock,
    logger: silentLogger,
    mailer,
    policy: DEFAULT_SEND_POLICY,
  });
}

export const mailerFor = (port: number) => smtpMailer(loopbackSmtp(port));

export interface MailWorld {
  world: BillingWorld;
  smtp: TestSmtpServer;
  mailer: Mailer;
}

/**
 * A billing world, a test SMTP server on 127.0.0.1 and a mailer to it, made before each test of
 * the file and closed after it: read them from the returned object inside the tests.
 */
export function useMailWorld(): MailWorld {
  const mail = {} as MailWorld;
  beforeEach(async () => {
    mail.world = await createBillingWorld();
    mail.smtp = await startSmtpServer();
    mail.mailer = mailerFor(mail.smtp.port);
  });
  afterEach(async () => {
    mail.mailer.close();
    await mail.smtp.close();
    await mail.world.close();
  });
  return mail;
}

/** A customer of tenant A with a card, subscribed to Pro monthly ($9.99) now: one receipt's worth of events. */
export async function paidSubscriber(world: BillingWorld, name: string) {
  const { customerId } = await world.customerOnClock(name, GOOD_CARD);
  const started = await world
    .as('billingA')
    .subscriptions.create({ customerId, priceId: world.catalog.prices.proMonthlyUsd, trialDays: 0 });
  const customer = await world.as('billingA').customers.get({ id: customerId });
  return { customerId, email: customer.email, invoiceNumber: started.invoice?.number ?? '' };
}

/** Every outbox row, oldest first, for assertions (Kysely, so it reads either database). */
export async function outboxRows(world: BillingWorld): Promise<Record<string, unknown>[]> {
  return world.database.db
    .selectFrom('email_outbox')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
