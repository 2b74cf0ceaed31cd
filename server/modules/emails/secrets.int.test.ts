import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp';
import { createBillingWorld, type BillingWorld } from '../../testing/billing.test-kit';
import { mailerFor, outboxRows, passIn } from './emails.test-kit';
import type { Mailer } from './mailer';
import { secretMarker } from './repo/secrets';
import { queueStaffNotice } from './staff-notices';

let world: BillingWorld;
let smtp: TestSmtpServer;
let mailer: Mailer;

beforeEach(async () => {
  world = await createBillingWorld();
  smtp = await startSmtpServer();
  mailer = mailerFor(smtp.port);
});
afterEach(async () => {
  mailer.close();
  await smtp.close();
  await world.close();
});

const CODE = 'tga_only-the-recipient-sees-this';

const queueInvitation = () =>
  world.database.db.transaction().execute((trx) =>
    queueStaffNotice(
      trx,
      {
        tenantId: world.tenants.A.id,
        noticeId: 'account_invitation:aiv_test',
        recipients: [{ name: 'xavier@x.example', email: 'xavier@x.example' }],
        draftFor: () => ({
          template: 'account_invitation',
          facts: {
            recipientName: 'xavier@x.example',
            accountName: 'Xander Corp',
            invitedBy: 'Ada Admin',
            code: secretMarker('code'),
            expiresAt: world.clock.now() + 86_400_000,
          },
        }),
        secrets: { code: CODE },
      },
      world.clock.now(),
    ),
  );

const secretRows = () => world.database.db.selectFrom('email_secrets').selectAll().execute();

describe('an email carrying a secret', () => {
  it('is stored and shown with a marker, sent with the secret, which is then kept nowhere', async () => {
    expect(await queueInvitation()).toBe(1);
    const [row] = await outboxRows(world);
    const detail = await world.as('adminA').emails.get({ id: String(row?.id) });
    expect(detail.text).toContain(`Invitation code: ${secretMarker('code')}`);
    expect(JSON.stringify(detail)).not.toContain(CODE);
    expect(JSON.stringify(await outboxRows(world))).not.toContain(CODE);
    expect(await secretRows()).toHaveLength(1);

    expect(await passIn(world, mailer)).toMatchObject({ sent: 1 });
    const [message] = smtp.received;
    expect(message?.text).toContain(`Invitation code: ${CODE}`);
    expect(message?.html).toContain(CODE);
    expect(message?.text).not.toContain(secretMarker('code'));
    expect(await secretRows()).toEqual([]);
  });

  it('keeps its secret while delivery is retried', async () => {
    smtp.refuseNext(1, 451, 'Mailbox busy, try again later');
    await queueInvitation();
    expect(await passIn(world, mailer)).toMatchObject({ sent: 0, retrying: 1 });
    expect(await secretRows()).toHaveLength(1);
    world.clock.advance(60_000);
    expect(await passIn(world, mailer)).toMatchObject({ sent: 1 });
    expect(smtp.received[0]?.text).toContain(CODE);
    expect(await secretRows()).toEqual([]);
  });
});
