import { describe, expect, it } from 'vitest';
import type { AccountEmailBranding } from './branded';
import { outboxRows, passIn, useMailWorld } from './emails.test-kit';
import { queueStaffNotice } from './staff-notices';

/**
 * A branded email's logo reaches mail clients as an inline image part (cid:), which Gmail and
 * Outlook show, not as the data: URL they block; the outbox keeps the logo's bytes once.
 */

const mail = useMailWorld();

/** The smallest valid PNG, a 1×1 transparent pixel. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const LOGO = `data:image/png;base64,${PNG.toString('base64')}`;

const branding: AccountEmailBranding = {
  productName: 'Xander Learning',
  logo: LOGO,
  primary: '#5f3dc4',
  background: '#ffffff',
  text: '#1a1a1a',
  customDomain: 'learn.xander.example',
  senderName: 'Xander Learning Team',
  replyTo: null,
};

describe('a branded email’s logo', () => {
  it('is sent as an inline image the HTML names by cid, inside a multipart/related', async () => {
    await mail.world.database.db.transaction().execute((trx) =>
      queueStaffNotice(
        trx,
        {
          tenantId: mail.world.tenants.A.id,
          noticeId: 'branded:1',
          recipients: [{ name: 'Ada Lovelace', email: 'ada@xander.example' }],
          branding,
          draftFor: (recipient) => ({
            template: 'finance_pack',
            facts: {
              recipientName: recipient.name,
              workspaceName: 'Xander',
              monthLabel: 'November 2026',
              figures: [{ label: 'MRR at the end', value: '$1,234.00' }],
              attachmentNames: [],
            },
          }),
        },
        mail.world.clock.now(),
      ),
    );
    // The outbox row holds the logo once, in its HTML (the Emails page's preview shows it so).
    const [row] = await outboxRows(mail.world);
    expect(String(row?.html).split(PNG.toString('base64'))).toHaveLength(2);
    expect(await mail.world.database.db.selectFrom('email_attachments').select('email_id').execute()).toEqual(
      [],
    );

    expect(await passIn(mail.world, mail.mailer)).toMatchObject({ sent: 1 });
    const [message] = mail.smtp.received;
    expect(message?.multiparts).toContain('multipart/related');
    expect(message?.html).not.toContain('data:image');
    const cid = /src="cid:([^"]+)"/.exec(message?.html ?? '')?.[1];
    expect(cid).toBeDefined();
    expect(message?.inline).toHaveLength(1);
    expect(message?.inline[0]?.contentId).toBe(cid);
    expect(message?.inline[0]?.contentType).toBe('image/png');
    expect(message?.inline[0]?.content.equals(PNG)).toBe(true);
    expect(message?.attachments).toEqual([]);
  });
});
