import { describe, expect, it } from 'vitest';
import { outboxRows, passIn, useMailWorld } from './emails.test-kit';
import { pruneSentEmails } from './prune';
import { queueStaffNotice, type StaffNotice } from './staff-notices';

const mail = useMailWorld();

// Bytes a text decoder would mangle: every byte value, as a PDF's binary streams have.
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
const XLSX = Buffer.from('PK\u0003\u0004 a workbook', 'latin1');

function financePack(): StaffNotice {
  return {
    tenantId: mail.world.tenants.A.id,
    noticeId: 'finance_pack:2026-11',
    recipients: [
      { name: 'Ada Lovelace', email: 'ada@finance.test' },
      { name: 'Grace Hopper', email: 'grace@finance.test' },
    ],
    draftFor: (recipient) => ({
      template: 'finance_pack',
      facts: {
        recipientName: recipient.name,
        workspaceName: 'Northwind',
        monthLabel: 'November 2026',
        figures: [{ label: 'MRR at the end', value: '$1,234.00' }],
        attachmentNames: ['finance-pack-2026-11.pdf', 'finance-pack-2026-11.xlsx'],
      },
    }),
    attachments: [
      { filename: 'finance-pack-2026-11.pdf', contentType: 'application/pdf', content: PDF },
      {
        filename: 'finance-pack-2026-11.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        content: XLSX,
      },
    ],
  };
}

const queue = () =>
  mail.world.database.db
    .transaction()
    .execute((trx) => queueStaffNotice(trx, financePack(), mail.world.clock.now()));

describe('email attachments', () => {
  it('arrive byte for byte with each recipient’s email, and the console lists them without their bytes', async () => {
    expect(await queue()).toBe(2);
    expect(await queue()).toBe(0); // the same occasion queues nothing twice, attachments included
    expect(
      await mail.world.database.db.selectFrom('email_attachments').select('email_id').execute(),
    ).toHaveLength(4);

    expect(await passIn(mail.world, mail.mailer)).toMatchObject({ sent: 2 });
    expect(mail.smtp.received.map((m) => m.to).sort()).toEqual(['ada@finance.test', 'grace@finance.test']);
    for (const message of mail.smtp.received) {
      expect(message.subject).toBe('Northwind: finance pack for November 2026');
      expect(message.text).toContain('MRR at the end: $1,234.00');
      expect(message.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        ['finance-pack-2026-11.pdf', 'application/pdf'],
        ['finance-pack-2026-11.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ]);
      expect(message.attachments[0]?.content.equals(PDF)).toBe(true);
      expect(message.attachments[1]?.content.equals(XLSX)).toBe(true);
    }

    const [first] = await outboxRows(mail.world);
    const detail = await mail.world.as('adminA').emails.get({ id: String(first?.id) });
    expect(detail.attachments).toEqual([
      { filename: 'finance-pack-2026-11.pdf', contentType: 'application/pdf', sizeBytes: PDF.length },
      {
        filename: 'finance-pack-2026-11.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        sizeBytes: XLSX.length,
      },
    ]);
    expect(JSON.stringify(detail)).not.toContain('"content"');
  });

  it('go with their email when the outbox prunes it', async () => {
    await queue();
    await passIn(mail.world, mail.mailer);
    const pruned = await pruneSentEmails(
      mail.world.database.db,
      mail.world.tenants.A.id,
      mail.world.clock.now() + 1,
      10,
    );

    expect(pruned).toBe(2);
    expect(await mail.world.database.db.selectFrom('email_attachments').select('email_id').execute()).toEqual(
      [],
    );
  });
});
