import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/billing/periods';
import { startSmtpServer, type ReceivedEmail, type TestSmtpServer } from '../../../tests/support/smtp';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import { START } from '../../testing/world.test-kit';
import type { Mailer } from './mailer';
import { mailerFor, outboxRows, passIn } from './emails.test-kit';

/**
 * Recovery on test clocks, heard from the customer's side: a failing card retried on
 * schedule and recovered when a new card is attached; another that exhausts its retries
 * and meets the final action. What arrives over SMTP is what is asserted.
 */

const HOUR = 3_600_000;
/** Attaches, then every charge is declined as stolen: a hard decline. */
const STOLEN_CARD = '4000 0000 0000 9979';
const TRIAL_END = START + 14 * DAY_MS; // Thursday, January 29, 2026
const LUMEN = {
  senderName: 'Lumen Academy',
  fromAddress: 'hello@lumen.example',
  replyTo: 'support@lumen.example',
  brandColor: '#7048e8',
  footerText: 'Lumen Academy · Questions? Reply to this email.',
};

let world: BillingWorld;
let smtp: TestSmtpServer;
let mailer: Mailer;

beforeEach(async () => {
  world = await createBillingWorld();
  smtp = await startSmtpServer();
  mailer = mailerFor(smtp.port);
  await world.as('adminA').emails.updateSettings({ expectedVersion: 0, settings: LUMEN });
});
afterEach(async () => {
  mailer.close();
  await smtp.close();
  await world.close();
});

/** A Pro ($9.99/month) subscriber on a test clock, in a 14-day trial, paying with `card`. */
async function trialSubscriber(name: string, card: string) {
  const { customerId, clockId } = await world.customerOnClock(name, card);
  const { subscription } = await world
    .as('billingA')
    .subscriptions.create({ customerId, priceId: world.catalog.prices.proMonthlyUsd, trialDays: 14 });
  const { email } = await world.as('billingA').customers.get({ id: customerId });
  return { customerId, clockId, subscriptionId: subscription.id, email };
}

async function invoiceNumberOf(subscriptionId: string) {
  const [invoice] = (await world.as('billingA').invoices.list({ subscriptionId })).items;
  return invoice?.number ?? '';
}

/** The wall clock moves a little, as the loop's would, then one email pass. */
async function deliver() {
  world.clock.advance(1000);
  return passIn(world, mailer);
}

const to = (email: string) => smtp.received.filter((m) => m.to === email);
const subjects = (mails: ReceivedEmail[]) => mails.map((m) => m.subject);

describe('recovery on a test clock, over SMTP', () => {
  it('a failing card is retried on schedule and recovered by a new card; the customer hears each step', async () => {
    const rita = await trialSubscriber('Rita Retry', FAILING_CARD);

    // The trial ends; the first charge fails and a retry is set for a day later.
    await world.advance(rita.clockId, TRIAL_END + HOUR);
    await deliver();
    const number = await invoiceNumberOf(rita.subscriptionId);
    expect(subjects(to(rita.email))).toEqual([
      'Your Pro trial ends on January 29, 2026',
      `Payment failed for invoice ${number}`,
    ]);
    const [trialEnding, firstFailure] = to(rita.email);
    expect(trialEnding?.text).toContain(
      'continues at $9.99 per month, charged to the payment method on file',
    );
    expect(firstFailure?.text).toContain(`We tried to charge $9.99 for invoice ${number}`);
    expect(firstFailure?.text).toContain('We will try again on January 30, 2026.');

    // The retry a day later fails too; the next is two days after it.
    await world.advance(rita.clockId, TRIAL_END + 2 * DAY_MS);
    await deliver();
    const secondFailure = to(rita.email)[2];
    expect(secondFailure?.subject).toBe(`Payment failed for invoice ${number}`);
    expect(secondFailure?.text).toContain('We will try again on February 1, 2026.');

    // A working card is attached: charged at once, recovered; a recovery email, not a receipt.
    await world.as('billingA').paymentMethods.add({ customerId: rita.customerId, source: GOOD_CARD });
    await deliver();
    expect(subjects(to(rita.email))).toEqual([
      'Your Pro trial ends on January 29, 2026',
      `Payment failed for invoice ${number}`,
      `Payment failed for invoice ${number}`,
      `Payment received for invoice ${number}`,
    ]);
    const recovered = to(rita.email)[3];
    expect(recovered?.text).toContain(`your payment of $9.99 for invoice ${number} succeeded`);
    expect(recovered?.html).toContain('background:#7048e8');

    // Every one from the tenant, with its reply-to, and each a distinct message.
    for (const mail of to(rita.email)) {
      expect(mail.from).toBe('Lumen Academy <hello@lumen.example>');
      expect(mail.replyTo).toBe('support@lumen.example');
      expect(mail.text).toContain('Lumen Academy · Questions? Reply to this email.');
    }
    expect(new Set(to(rita.email).map((m) => m.messageId)).size).toBe(4);
  });

  it('a card that keeps failing exhausts its retries: a final notice, then the cancellation', async () => {
    const lars = await trialSubscriber('Lars Last', FAILING_CARD);
    // Day by day through the schedule (attempts at 0, 1, 3 and 7 days), delivering as the loop would.
    for (let day = 0; day <= 10; day++) {
      await world.advance(lars.clockId, TRIAL_END + day * DAY_MS + HOUR);
      await deliver();
    }
    const number = await invoiceNumberOf(lars.subscriptionId);
    const mails = to(lars.email);
    expect(subjects(mails)).toEqual([
      'Your Pro trial ends on January 29, 2026',
      `Payment failed for invoice ${number}`,
      `Payment failed for invoice ${number}`,
      `Payment failed for invoice ${number}`,
      `Final notice: invoice ${number} is still unpaid`,
      `Payment failed for invoice ${number}`,
      'Your Pro subscription has been canceled',
    ]);
    const text = mails.map((m) => m.text);
    expect(text[1]).toContain('We will try again on January 30, 2026.');
    expect(text[2]).toContain('We will try again on February 1, 2026.');
    expect(text[3]).toContain('We will try again on February 5, 2026.');
    expect(text[4]).toContain(
      'We will make a last attempt on February 5, 2026. If it fails, your subscription will be canceled.',
    );
    expect(text[5]).toContain('We will not retry this card again. Please update your card');
    expect(text[6]).toContain(
      'Your Pro subscription ended on February 5, 2026 because its payments could not be collected.',
    );
  });

  it('a stolen card is not retried: the email asks for a new card and names no retry date', async () => {
    const stan = await trialSubscriber('Stan Stolen', STOLEN_CARD);
    await world.advance(stan.clockId, TRIAL_END + HOUR);
    await deliver();
    const failure = to(stan.email)[1];
    expect(failure?.subject).toBe(`Payment failed for invoice ${await invoiceNumberOf(stan.subscriptionId)}`);
    expect(failure?.text).toContain('Your card was declined and will not be charged again.');
    expect(failure?.text).toContain('Update your card to pay this invoice.');
    expect(failure?.text).not.toContain('try again');
  });

  it('a second subscriber on the same schedule is emailed independently, and nothing is sent twice', async () => {
    const rita = await trialSubscriber('Rita Retry', FAILING_CARD);
    const lars = await trialSubscriber('Lars Last', FAILING_CARD);
    await world.advance(rita.clockId, TRIAL_END + 2 * DAY_MS);
    await world.as('billingA').paymentMethods.add({ customerId: rita.customerId, source: GOOD_CARD });
    await world.advance(lars.clockId, TRIAL_END + 10 * DAY_MS);
    await deliver();
    await deliver();
    expect(to(rita.email).map((m) => m.subject.split(' ')[0])).toEqual([
      'Your',
      'Payment',
      'Payment',
      'Payment',
    ]);
    expect(to(lars.email)).toHaveLength(7);
    expect(smtp.received).toHaveLength((await outboxRows(world)).length);
    expect((await outboxRows(world)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
