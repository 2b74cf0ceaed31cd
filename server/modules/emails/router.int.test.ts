import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp';
import { createBillingWorld, type BillingWorld } from '../../testing/billing.test-kit';
import { clientError, expectDomainError } from '../../testing/errors.test-kit';
import { mailerFor, outboxRows, paidSubscriber, passIn } from './emails.test-kit';
import { everyTableCount } from '../../testing/table-counts.test-kit';

const LUMEN = {
  senderName: 'Lumen Academy',
  fromAddress: 'hello@lumen.example',
  replyTo: 'support@lumen.example',
  brandColor: '#e8590c',
  footerText: 'Lumen Academy · 1 Main St · Springfield',
};

describe('the emails procedures', () => {
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

  it('sender settings start from the tenant name; a saved change brands the next email', async () => {
    const defaults = await world.as('viewerA').emails.settings();
    expect(defaults).toEqual({
      senderName: 'Tenant A',
      fromAddress: null,
      replyTo: null,
      brandColor: '#1c7ed6',
      footerText: 'You receive this email because you have an account with Tenant A.',
      version: 0,
    });
    const saved = await world.as('adminA').emails.updateSettings({ expectedVersion: 0, settings: LUMEN });
    expect(saved).toEqual({ ...LUMEN, version: 1 });

    await paidSubscriber(world, 'Ada Lovelace');
    const mailer = mailerFor(smtp.port);
    await passIn(world, mailer);
    mailer.close();
    const [mail] = smtp.received;
    expect(mail?.from).toBe('Lumen Academy <hello@lumen.example>');
    expect(mail?.replyTo).toBe('support@lumen.example');
    // The envelope keeps the server's own address, which its SPF record covers.
    expect(mail?.envelopeFrom).toBe('billing@tollgate.test');
    expect(mail?.subject).toMatch(/from Lumen Academy$/);
    expect(mail?.html).toContain('background:#e8590c');
    expect(mail?.text).toContain('Lumen Academy · 1 Main St · Springfield');
    expect(mail?.messageId).toMatch(/^<eml_[0-9a-z]{26}@lumen\.example>$/);
  });

  it('a stale settings form is refused, and nothing changes', async () => {
    await world.as('adminA').emails.updateSettings({ expectedVersion: 0, settings: LUMEN });
    await expectDomainError(
      () =>
        world
          .as('adminA')
          .emails.updateSettings({ expectedVersion: 0, settings: { ...LUMEN, senderName: 'Other' } }),
      'CONFLICT',
    );
    expect((await world.as('viewerA').emails.settings()).senderName).toBe('Lumen Academy');
  });

  it('each procedure asks for its permission', async () => {
    await paidSubscriber(world, 'Ada Lovelace');
    await passIn(world, null);
    const [row] = await outboxRows(world);
    const id = String(row?.id);
    // Viewers read the outbox and the settings.
    expect((await world.as('viewerA').emails.list({})).items).toHaveLength(1);
    expect((await world.as('viewerA').emails.get({ id })).id).toBe(id);
    // Sending again is billing's; the branding is the tenant admin's.
    await expectDomainError(() => world.as('viewerA').emails.resend({ id }), 'FORBIDDEN');
    await expectDomainError(() => world.as('adminA').emails.resend({ id }), 'FORBIDDEN');
    await world.as('billingA').emails.resend({ id });
    await expectDomainError(
      () => world.as('billingA').emails.updateSettings({ expectedVersion: 0, settings: LUMEN }),
      'FORBIDDEN',
    );
    await expectDomainError(
      () => world.as('viewerA').emails.updateSettings({ expectedVersion: 0, settings: LUMEN }),
      'FORBIDDEN',
    );
  });

  it('the list pages by keys, newest first, and filters by status and template', async () => {
    for (const name of ['Ann', 'Bob', 'Cid']) {
      await paidSubscriber(world, name);
      world.clock.advance(1000);
      await passIn(world, null);
    }
    const first = await world.as('viewerA').emails.list({ limit: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((e) => e.customerName)).toEqual(['Cid', 'Bob']);
    const second = await world.as('viewerA').emails.list({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((e) => e.customerName)).toEqual(['Ann']);
    expect(second.nextCursor).toBeNull();
    expect((await world.as('viewerA').emails.list({ status: 'sent' })).total).toBe(0);
    expect((await world.as('viewerA').emails.list({ template: 'receipt', status: 'held' })).total).toBe(3);
    expect((await world.as('viewerA').emails.list({ template: 'final_notice' })).items).toEqual([]);
  });
});

describe('bad input to the emails procedures', () => {
  let world: BillingWorld;
  beforeAll(async () => {
    world = await createBillingWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  type Caller = ReturnType<BillingWorld['as']>;
  const settings = (patch: Record<string, unknown>) => ({
    expectedVersion: 0,
    settings: { ...LUMEN, ...patch },
  });
  const CASES: [string, (c: Caller) => Promise<unknown>, string][] = [
    ['list: unknown status', (c) => c.emails.list({ status: 'bounced' as never }), 'status'],
    ['list: unknown template', (c) => c.emails.list({ template: 'welcome' as never }), 'template'],
    ['list: huge page', (c) => c.emails.list({ limit: 5000 }), 'limit'],
    ['list: broken cursor', (c) => c.emails.list({ cursor: 'not-a-cursor' }), 'cursor'],
    ['get: not an email id', (c) => c.emails.get({ id: 'inv_1' }), 'id'],
    ['resend: missing id', (c) => c.emails.resend({} as never), 'id'],
    [
      'updateSettings: empty sender name',
      (c) => c.emails.updateSettings(settings({ senderName: ' ' })),
      'settings.senderName',
    ],
    [
      'updateSettings: sender name over two lines',
      (c) => c.emails.updateSettings(settings({ senderName: 'A\r\nBcc: x@evil.example' })),
      'settings.senderName',
    ],
    [
      'updateSettings: bad from address',
      (c) => c.emails.updateSettings(settings({ fromAddress: 'hello' })),
      'settings.fromAddress',
    ],
    [
      'updateSettings: bad reply-to',
      (c) => c.emails.updateSettings(settings({ replyTo: 'a@' })),
      'settings.replyTo',
    ],
    [
      'updateSettings: named colour',
      (c) => c.emails.updateSettings(settings({ brandColor: 'red' })),
      'settings.brandColor',
    ],
    [
      'updateSettings: colour with CSS after it',
      (c) => c.emails.updateSettings(settings({ brandColor: '#000000;background:url(x)' })),
      'settings.brandColor',
    ],
    [
      'updateSettings: 10 kB footer',
      (c) => c.emails.updateSettings(settings({ footerText: 'x'.repeat(10_240) })),
      'settings.footerText',
    ],
    [
      'updateSettings: unknown field',
      (c) => c.emails.updateSettings(settings({ logoUrl: 'https://x' })),
      'settings.logoUrl',
    ],
    [
      'updateSettings: negative version',
      (c) => c.emails.updateSettings({ ...settings({}), expectedVersion: -1 }),
      'expectedVersion',
    ],
  ];

  const everyTable = () => everyTableCount(world.database.db);

  for (const [label, call, field] of CASES) {
    it(`${label} → an error naming ${field}, nothing written`, async () => {
      const before = await everyTable();
      const seen = await clientError(() => call(world.as('owner', world.tenants.A.id)));
      expect(seen.data.domainCode, seen.message).toBe('INVALID_INPUT');
      expect(Object.keys(seen.data.fieldErrors ?? {}), seen.message).toContain(field);
      expect(await everyTable()).toEqual(before);
    });
  }
});
