import { describe, expect, it } from 'vitest';
import { backoffAfter } from '../../lib/retry-policy';
import { DEFAULT_SEND_POLICY } from './send';
import { outboxRows, paidSubscriber, passIn, useMailWorld } from './emails.test-kit';

const mail = useMailWorld();

const onlyRow = async () => {
  const rows = await outboxRows(mail.world);
  expect(rows).toHaveLength(1);
  return rows[0] as Record<string, unknown>;
};

describe('delivery over SMTP', () => {
  it('a server refusing at first: retried after 1, then 2 minutes, delivered exactly once', async () => {
    const ada = await paidSubscriber(mail.world, 'Ada Lovelace');
    mail.smtp.refuseNext(2, 451, 'Mailbox busy, try again later');

    expect(await passIn(mail.world, mail.mailer)).toMatchObject({ queued: 1, sent: 0, retrying: 1 });
    const first = await onlyRow();
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first.last_error).toContain('451 Mailbox busy, try again later');
    expect(first.next_attempt_at).toBe(mail.world.clock.now() + 60_000);

    // Not due yet: nothing is tried.
    mail.world.clock.advance(59_000);
    expect(await passIn(mail.world, mail.mailer)).toMatchObject({ sent: 0, retrying: 0 });
    expect(mail.smtp.refusedCount()).toBe(1);

    mail.world.clock.advance(1_000);
    expect(await passIn(mail.world, mail.mailer)).toMatchObject({ sent: 0, retrying: 1 });
    expect(await onlyRow()).toMatchObject({ attempts: 2, next_attempt_at: mail.world.clock.now() + 120_000 });

    mail.world.clock.advance(120_000);
    expect(await passIn(mail.world, mail.mailer)).toMatchObject({ sent: 1, retrying: 0 });
    await passIn(mail.world, mail.mailer);
    expect(await onlyRow()).toMatchObject({
      status: 'sent',
      attempts: 3,
      last_error: null,
      sent_at: mail.world.clock.now(),
    });
    expect(mail.smtp.received.map((m) => m.to)).toEqual([ada.email]);
  });

  it('a server that keeps refusing: failed after the last attempt, with its reply', async () => {
    await paidSubscriber(mail.world, 'Ada Lovelace');
    mail.smtp.refuseNext(100, 421, 'Service not available');
    const { maxAttempts } = DEFAULT_SEND_POLICY;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      await passIn(mail.world, mail.mailer);
      mail.world.clock.advance(backoffAfter(attempt, DEFAULT_SEND_POLICY));
    }
    expect(await onlyRow()).toMatchObject({ status: 'failed', attempts: maxAttempts, next_attempt_at: null });
    expect((await onlyRow()).last_error).toContain('421 Service not available');
    await passIn(mail.world, mail.mailer);
    expect(mail.smtp.refusedCount()).toBe(maxAttempts);
    expect(mail.smtp.received).toHaveLength(0);
  });

  it('a permanent refusal fails at once; staff send it again and it arrives with the same Message-ID', async () => {
    const ada = await paidSubscriber(mail.world, 'Ada Lovelace');
    mail.smtp.refuseNext(1, 550, 'No such user here');
    expect(await passIn(mail.world, mail.mailer)).toMatchObject({ failed: 1 });
    const failed = await onlyRow();
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toContain('550 No such user here');

    await mail.world.as('billingA').emails.resend({ id: String(failed.id) });
    expect(await passIn(mail.world, mail.mailer)).toMatchObject({ queued: 0, sent: 1 });
    expect(mail.smtp.received.map((m) => [m.to, m.messageId])).toEqual([[ada.email, failed.message_id]]);
    await expect(mail.world.as('billingA').emails.resend({ id: String(failed.id) })).rejects.toThrow(
      'This email was already sent',
    );
  });

  it('an unreachable server: the connection error is kept and the email retried', async () => {
    await paidSubscriber(mail.world, 'Ada Lovelace');
    await mail.smtp.close();
    expect(await passIn(mail.world, mail.mailer)).toMatchObject({ retrying: 1 });
    expect((await onlyRow()).last_error).toMatch(/ECONNREFUSED/);
  });
});

describe('without SMTP', () => {
  it('emails stay in the outbox, held, and say so in the console', async () => {
    await paidSubscriber(mail.world, 'Ada Lovelace');
    expect(await passIn(mail.world, null)).toMatchObject({ queued: 1, held: 1, sent: 0 });
    const row = await onlyRow();
    expect(row).toMatchObject({
      status: 'held',
      attempts: 0,
      next_attempt_at: null,
      last_error: 'Not sent: no SMTP server is configured',
    });

    const list = await mail.world.as('viewerA').emails.list({ status: 'held' });
    expect(list.items.map((e) => [e.template, e.status, e.lastError])).toEqual([
      ['receipt', 'held', 'Not sent: no SMTP server is configured'],
    ]);
    const detail = await mail.world.as('viewerA').emails.get({ id: String(row.id) });
    expect(detail.text).toContain('We received your payment of $9.99');

    // Sent again while there is still no SMTP server: held again, never lost.
    await mail.world.as('billingA').emails.resend({ id: String(row.id) });
    expect(await passIn(mail.world, null)).toMatchObject({ held: 1 });
    expect(mail.smtp.received).toHaveLength(0);
  });
});
