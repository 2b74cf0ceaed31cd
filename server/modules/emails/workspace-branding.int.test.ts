import { describe, expect, it } from 'vitest';
import { paidSubscriber, passIn, useMailWorld } from './emails.test-kit';

/**
 * The workspace's own billing emails (a receipt here; invoices and dunning go the same way)
 * wear its published branding — product name and logo in the header, its colours, its sender
 * name and reply-to — as account emails wear the account's. Until it publishes, its sender
 * settings apply as before; a draft never shows.
 */

const mail = useMailWorld();

const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const BRANDING = {
  productName: 'Northwind Academy',
  logo: `data:image/png;base64,${PNG_1X1}`,
  colors: { primary: '#5f3dc4', accent: '#1864ab', background: '#fffdf5', text: '#1a1a1a' },
  customDomain: 'learn.northwind.example',
  senderName: 'Northwind Academy Billing',
  replyTo: 'billing@northwind.example',
};

async function receiptTo(name: string) {
  const { email } = await paidSubscriber(mail.world, name);
  await passIn(mail.world, mail.mailer);
  const message = mail.smtp.received.find((m) => m.to.includes(email));
  expect(message, `a receipt to ${email}`).toBeDefined();
  return message;
}

describe('workspace billing emails', () => {
  it('wear the workspace’s published branding, and only once it is published', async () => {
    const admin = mail.world.as('adminA');
    const { draft } = await admin.branding.saveDraft({ branding: BRANDING });
    const before = await receiptTo('Draft Dora');
    expect(before?.html).not.toContain('Northwind Academy');
    expect(before?.from).not.toContain('Northwind Academy Billing');

    await admin.branding.publish({ draftId: draft.id });
    const after = await receiptTo('Published Pete');
    expect(after?.from).toContain('Northwind Academy Billing');
    expect(after?.replyTo).toBe('billing@northwind.example');
    expect(after?.html).toContain('Northwind Academy');
    expect(after?.html).toContain('#5f3dc4');
    expect(after?.html).toContain('#fffdf5');
    expect(after?.html).toContain('learn.northwind.example');
    // The logo travels as an inline part the header names by cid.
    expect(after?.html).toMatch(/src="cid:[^"]+"/);
    expect(after?.inline.map((i) => i.content.toString('base64'))).toEqual([PNG_1X1]);
  });
});
