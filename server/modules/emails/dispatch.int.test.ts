import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/logger';
import { recordEvent } from '../billing';
import { createBillingWorld, type BillingWorld } from '../../testing/billing.test-kit';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp';
import { dispatchBatch, dispatchBillingEvents } from './dispatch';
import { mailerFor, outboxRows, paidSubscriber, passIn } from './emails.test-kit';
import { countRows } from '../../testing/table-counts.test-kit';

let world: BillingWorld;
let smtp: TestSmtpServer;

beforeEach(async () => {
  world = await createBillingWorld();
  smtp = await startSmtpServer();
});
afterEach(async () => {
  await smtp.close();
  await world.close();
});

const now = () => world.clock.now();
const emailedEvents = async () => ({
  n: await countRows(
    world.database.db,
    'billing_events',
    "type = 'invoice.paid' AND customer_id IS NOT NULL",
  ),
});
const cursor = () =>
  world.database.db.selectFrom('notification_cursors').select('last_rowid').executeTakeFirst();

/**
 * Makes the database refuse any email to `recipient` with 'simulated crash', as a trigger: a
 * TEMP trigger on SQLite (one connection); on PostgreSQL a trigger and its function, which the
 * pool's every connection sees, dropped again by `removeCrash`.
 */
async function installCrash(recipient: string) {
  const db = world.database.db;
  if (world.database.dialect === 'sqlite') {
    await sql`CREATE TEMP TRIGGER crash BEFORE INSERT ON email_outbox WHEN NEW.recipient = ${sql.lit(recipient)}
       BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`.execute(db);
    return;
  }
  await sql`CREATE FUNCTION crash_fn() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'simulated crash'; END $$`.execute(db);
  await sql`CREATE TRIGGER crash BEFORE INSERT ON email_outbox FOR EACH ROW
       WHEN (NEW.recipient = ${sql.lit(recipient)}) EXECUTE FUNCTION crash_fn()`.execute(db);
}
async function removeCrash() {
  const db = world.database.db;
  if (world.database.dialect === 'sqlite') {
    await sql`DROP TRIGGER crash`.execute(db);
    return;
  }
  await sql`DROP TRIGGER crash ON email_outbox`.execute(db);
  await sql`DROP FUNCTION crash_fn()`.execute(db);
}

describe('a paid invoice', () => {
  it('arrives over SMTP as a receipt: to the customer, from the tenant, HTML and text', async () => {
    const ada = await paidSubscriber(world, 'Ada <Lovelace> & Co');
    const mailer = mailerFor(smtp.port);
    const report = await passIn(world, mailer);
    mailer.close();
    expect(report).toMatchObject({ queued: 1, sent: 1, retrying: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.envelopeTo).toEqual([ada.email]);
    expect(mail?.envelopeFrom).toBe('billing@tollgate.test');
    expect(mail?.to).toBe(ada.email);
    expect(mail?.from).toBe('Tenant A <billing@tollgate.test>');
    expect(mail?.subject).toBe(`Receipt for ${ada.invoiceNumber} from Tenant A`);
    expect(mail?.text).toContain('Hello Ada <Lovelace> & Co,');
    expect(mail?.text).toContain(`We received your payment of $9.99 for invoice ${ada.invoiceNumber}.`);
    expect(mail?.html).toContain('Hello Ada &lt;Lovelace&gt; &amp; Co,');
    expect(mail?.html).toContain('Visa ending in 4242');
    const [row] = await outboxRows(world);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, template: 'receipt', recipient: ada.email });
    expect(mail?.messageId).toBe(row?.message_id);
  });

  it('is emailed once however often the dispatcher runs, and even if its cursor is lost', async () => {
    await paidSubscriber(world, 'Grace Hopper');
    const mailer = mailerFor(smtp.port);
    await passIn(world, mailer);
    await passIn(world, mailer);
    await world.database.db.updateTable('notification_cursors').set({ last_rowid: 0 }).execute();
    const replay = await passIn(world, mailer);
    mailer.close();
    expect(replay.read).toBeGreaterThan(0);
    expect(replay.queued).toBe(0);
    expect(await outboxRows(world)).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
  });
});

describe('events of subscriptions Stripe Billing manages', () => {
  it('send nothing: Stripe emails those customers itself', async () => {
    const { customerId } = await paidSubscriber(world, 'Stripe Sam');
    await passIn(world, null);
    const [subscription] = (await world.as('billingA').subscriptions.list({ customerId })).items;
    await world.database.db.transaction().execute((trx) =>
      recordEvent(
        trx,
        world.tenants.A.id,
        {
          type: 'subscription.canceled',
          customerId,
          subjectId: subscription?.id ?? '',
          data: { status: 'canceled', reason: 'stripe', managedBy: 'stripe' },
        },
        world.clock.now(),
      ),
    );
    expect(await passIn(world, null)).toMatchObject({ read: 1, queued: 0 });
    expect((await outboxRows(world)).map((r) => r.template)).toEqual(['receipt']);
  });
});

describe('dispatch in batches', () => {
  it('a crash inside a batch loses and doubles nothing: every event gets exactly one email', async () => {
    const subscribers = [];
    for (const name of ['Ann', 'Bob', 'Cid', 'Dee', 'Eve', 'Fay', 'Gus'])
      subscribers.push(await paidSubscriber(world, name));
    expect((await emailedEvents()).n).toBe(7);

    // The first batch commits; then the database refuses Eve's email, midway through a later batch.
    const eve = subscribers[4]?.email ?? '';
    await installCrash(eve);
    const first = await dispatchBatch(world.database.db, { now: now(), batchSize: 3, logger: silentLogger });
    expect(first.read).toBe(3);
    await expect(
      dispatchBillingEvents(world.database.db, { now: now(), batchSize: 3, logger: silentLogger }),
    ).rejects.toThrow('simulated crash');
    const afterCrash = (await outboxRows(world)).map((r) => r.recipient);
    // Whole batches only: none of the failed batch's emails stayed behind.
    expect(afterCrash).not.toContain(eve);
    expect(afterCrash.length).toBeGreaterThan(0);
    expect(afterCrash.length).toBeLessThan(7);
    const cursorAfterCrash = await cursor();

    await removeCrash();
    const resumed = await dispatchBillingEvents(world.database.db, {
      now: now(),
      batchSize: 3,
      logger: silentLogger,
    });
    expect(resumed.queued).toBe(7 - afterCrash.length);
    const rows = await outboxRows(world);
    expect(rows.map((r) => r.recipient).sort()).toEqual(subscribers.map((s) => s.email).sort());
    expect(new Set(rows.map((r) => r.source_event_id)).size).toBe(7);
    expect(cursorAfterCrash).not.toEqual(await cursor());
  });
});
