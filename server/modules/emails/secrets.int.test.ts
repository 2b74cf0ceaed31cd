import { describe, expect, it } from 'vitest';
import { outboxRows, passIn, useMailWorld } from './emails.test-kit';
import { secretMarker } from './repo/secrets';
import { queueStaffNotice } from './staff-notices';

const mail = useMailWorld();

const CODE = 'tga_only-the-recipient-sees-this';

const queueInvitation = () =>
  mail.world.database.db.transaction().execute((trx) =>
    queueStaffNotice(
      trx,
      {
        tenantId: mail.world.tenants.A.id,
        noticeId: 'account_invitation:aiv_test',
        recipients: [{ name: 'xavier@x.example', email: 'xavier@x.example' }],
        draftFor: () => ({
          template: 'account_invitation',
          facts: {
            recipientName: 'xavier@x.example',
            accountName: 'Xander Corp',
            invitedBy: 'Ada Admin',
            code: secretMarker('code'),
            expiresAt: mail.world.clock.now() + 86_400_000,
          },
        }),
        secrets: { code: CODE },
      },
      mail.world.clock.now(),
    ),
  );

const secretRows = () => mail.world.database.db.selectFrom('email_secrets').selectAll().execute();

describe('an email carrying a secret', () => {
  it('is stored and shown with a marker, sent with the secret, which is then kept nowhere', async () => {
    expect(await queueInvitation()).toBe(1);
    const [row] = await outboxRows(mail.world);
    const detail = await mail.world.as('adminA').emails.get({ id: String(row?.id) });
    expect(detail.text).toContain(`Invitation code: ${secretMarker('code')}`);
    expect(JSON.stringify(detail)).not.toContain(CODE);
    expect(JSON.stringify(await outboxRows(mail.world))).not.toContain(CODE);
    expect(await secretRows()).toHaveLength(1);

    expect(await passIn(mail.world, mail.mailer)).toMatchObject({ sent: 1 });
    const [message] = mail.smtp.received;
    expect(message?.text).toContain(`Invitation code: ${CODE}`);
    expect(message?.html).toContain(CODE);
    expect(message?.text).not.toContain(secretMarker('code'));
    expect(await secretRows()).toEqual([]);
  });

  it('keeps its secret while delivery is retried', async () => {
    mail.smtp.refuseNext(1, 451, 'Mailbox busy, try again later');
    await queueInvitation();
    expect(await passIn(mail.world, mail.mailer)).toMatchObject({ sent: 0, retrying: 1 });
    expect(await secretRows()).toHaveLength(1);
    mail.world.clock.advance(60_000);
    expect(await passIn(mail.world, mail.mailer)).toMatchObject({ sent: 1 });
    expect(mail.smtp.received[0]?.text).toContain(CODE);
    expect(await secretRows()).toEqual([]);
  });
});
