import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, testCaller, type TestWorld } from '../../testing/world.test-kit';
import { insertAccountMember, insertUser, loadPrincipal } from '../tenants';
import { GOOD_BRANDING } from './branding.test-kit';
import { publishedBrandingOf } from './index';

/**
 * White-label branding on the server's database (SQLite here, PostgreSQL in integration-pg):
 * draft → preview → publish → restore for the workspace and an account, the contrast gate,
 * the effective branding license files carry, and emails sent for an account in its branding.
 */

let world: TestWorld;
let x: string;
let y: string;
beforeEach(async () => {
  world = await createTestWorld();
  const admin = world.as('adminA');
  x = (await admin.customers.create({ name: 'Xander Corp', email: 'billing@x.example', country: 'FR' })).id;
  y = (await admin.customers.create({ name: 'Yolanda Ltd', email: 'billing@y.example', country: 'FR' })).id;
});
afterEach(async () => {
  await world.close();
});

async function asXavier() {
  const now = world.clock.now();
  const user = await insertUser(world.database.db, { email: 'xavier@x.example', name: 'Xavier', now });
  const tenantId = world.tenants.A.id;
  await insertAccountMember(world.database.db, {
    tenantId,
    customerId: x,
    userId: user.id,
    createdBy: null,
    now,
  });
  return testCaller(world.services, await loadPrincipal(world.database.db, user.id), null, 'xavier');
}

describe('the workspace’s default branding', () => {
  it('starts from the workspace’s sender settings, then goes draft → preview → publish', async () => {
    const admin = world.as('adminA');
    const start = await admin.branding.get({});
    expect(start.effective.source).toBe('defaults');
    expect(start.editing.productName).toBe('Tenant A');
    expect(start.editing.colors.primary).toBe('#1c7ed6');
    expect(start.draft).toBeNull();

    const saved = await admin.branding.saveDraft({ branding: GOOD_BRANDING });
    expect(saved.draft).toMatchObject({ status: 'draft', number: 1, productName: 'Xander Learning' });
    expect(saved.issues).toEqual([]);

    const preview = await admin.branding.get({});
    expect(preview.effective.source).toBe('defaults');
    expect(preview.preview.email.html).toContain('Xander Learning');
    expect(preview.preview.email.html).toContain('src="data:image/png;base64,');
    expect(preview.preview.email.html).toContain('https://learn.xander.example');
    expect(preview.preview.email.fromName).toBe('Xander Learning Team');
    expect(preview.preview.license).toEqual({
      productName: 'Xander Learning',
      colors: GOOD_BRANDING.colors,
      logo: { dataUrl: GOOD_BRANDING.logo },
      customDomain: 'learn.xander.example',
    });
    // Not live until published.
    expect((await publishedBrandingOf(world.database.db, world.tenants.A.id, null)).productName).toBe(
      'Tenant A',
    );

    const published = await admin.branding.publish({ draftId: saved.draft.id });
    expect(published).toMatchObject({ status: 'published', publishedBy: 'adminA' });
    expect((await admin.branding.get({})).effective.source).toBe('workspace');
    expect((await publishedBrandingOf(world.database.db, world.tenants.A.id, x)).productName).toBe(
      'Xander Learning',
    );
    // Tenant B is untouched.
    expect((await publishedBrandingOf(world.database.db, world.tenants.B.id, null)).productName).toBe(
      'Tenant B',
    );
  });

  it('refuses to publish colours failing AA, explaining the pair, and publishes once fixed', async () => {
    const admin = world.as('adminA');
    const colors = { ...GOOD_BRANDING.colors, text: '#aaaaaa' };
    const saved = await admin.branding.saveDraft({ branding: { ...GOOD_BRANDING, colors } });
    expect(saved.issues).toHaveLength(1);
    expect(saved.issues[0]?.explanation).toContain('Text #aaaaaa on background #ffffff');
    const refused = await expectDomainError(
      () => admin.branding.publish({ draftId: saved.draft.id }),
      'INVALID_STATE',
    );
    expect(refused.message).toContain('body text needs at least 4.50:1');

    const fixed = await admin.branding.saveDraft({
      branding: { ...GOOD_BRANDING, colors: { ...colors, text: saved.issues[0]?.suggestion ?? '' } },
    });
    expect(fixed.draft.id).toBe(saved.draft.id);
    expect(fixed.issues).toEqual([]);
    expect((await admin.branding.publish({ draftId: fixed.draft.id })).status).toBe('published');
  });

  it('audits publishing without the logo’s bytes', async () => {
    const admin = world.as('adminA');
    const saved = await admin.branding.saveDraft({ branding: GOOD_BRANDING });
    await admin.branding.publish({ draftId: saved.draft.id });
    const entry = await world.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'entity_id', 'after'])
      .where('action', '=', 'branding.published')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity_type: 'branding', entity_id: saved.draft.id });
    expect(entry.after).toContain('"status":"published"');
    expect(entry.after).toContain('png, ');
    expect(entry.after).not.toContain('base64,');
  });
});

describe('an account’s branding', () => {
  it('overrides the workspace’s for that account only; restore brings an earlier version back as a draft', async () => {
    const admin = world.as('adminA');
    const v1 = await admin.branding.saveDraft({ customerId: x, branding: GOOD_BRANDING });
    await admin.branding.publish({ customerId: x, draftId: v1.draft.id });
    const v2 = await admin.branding.saveDraft({
      customerId: x,
      branding: { ...GOOD_BRANDING, productName: 'Xander Two' },
    });
    expect(v2.draft.number).toBe(2);
    await admin.branding.publish({ customerId: x, draftId: v2.draft.id });

    const db = world.database.db;
    expect((await publishedBrandingOf(db, world.tenants.A.id, x)).productName).toBe('Xander Two');
    expect((await publishedBrandingOf(db, world.tenants.A.id, y)).productName).toBe('Tenant A');

    const restored = await admin.branding.restore({ id: v1.draft.id });
    expect(restored.draft).toMatchObject({
      number: 3,
      status: 'draft',
      productName: 'Xander Learning',
      restoredFrom: v1.draft.id,
    });
    const versions = await admin.branding.versions({ customerId: x });
    expect(versions.map((v) => [v.number, v.status, v.hasLogo])).toEqual([
      [3, 'draft', true],
      [2, 'published', true],
      [1, 'superseded', true],
    ]);
    // Still live: the published one, until the restored draft is published.
    expect((await publishedBrandingOf(db, world.tenants.A.id, x)).productName).toBe('Xander Two');
    await admin.branding.publish({ customerId: x, draftId: restored.draft.id });
    expect((await publishedBrandingOf(db, world.tenants.A.id, x)).productName).toBe('Xander Learning');
    expect((await admin.branding.versions({})).length).toBe(0);
  });

  it('is refused for another tenant’s customer, a stale draft, a bad logo, and without branding.write', async () => {
    const admin = world.as('adminA');
    const bCustomer = await world
      .as('adminB')
      .customers.create({ name: 'Bertha', email: 'b@b.example', country: 'FR' });
    await expectDomainError(
      () => admin.branding.saveDraft({ customerId: bCustomer.id, branding: GOOD_BRANDING }),
      'NOT_FOUND',
    );
    await expectDomainError(() => admin.branding.get({ customerId: bCustomer.id }), 'NOT_FOUND');
    const saved = await admin.branding.saveDraft({ customerId: x, branding: GOOD_BRANDING });
    await expectDomainError(
      () => admin.branding.publish({ customerId: y, draftId: saved.draft.id }),
      'NOT_FOUND',
    );
    await admin.branding.publish({ customerId: x, draftId: saved.draft.id });
    await expectDomainError(
      () => admin.branding.publish({ customerId: x, draftId: saved.draft.id }),
      'CONFLICT',
    );
    const jpeg = `data:image/png;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64')}`;
    const bad = await expectDomainError(
      () => admin.branding.saveDraft({ branding: { ...GOOD_BRANDING, logo: jpeg } }),
      'INVALID_INPUT',
    );
    expect(bad.data.fieldErrors).toEqual({ 'branding.logo': ['The logo is a JPEG; use a PNG or an SVG'] });
    await expectDomainError(
      () => world.as('viewerA').branding.saveDraft({ branding: GOOD_BRANDING }),
      'FORBIDDEN',
    );
    expect((await world.as('viewerA').branding.get({ customerId: x })).published?.id).toBe(saved.draft.id);
  });

  it('brands the emails sent for the account: an account admin’s invitation', async () => {
    const admin = world.as('adminA');
    const saved = await admin.branding.saveDraft({ customerId: x, branding: GOOD_BRANDING });
    await admin.branding.publish({ customerId: x, draftId: saved.draft.id });
    await admin.accountAdmins.invite({ customerId: x, email: 'xena@x.example' });
    await admin.accountAdmins.invite({ customerId: y, email: 'yuri@y.example' });
    const email = (to: string) =>
      world.database.db
        .selectFrom('email_outbox')
        .select(['from_name', 'reply_to', 'subject', 'html', 'text'])
        .where('recipient', '=', to)
        .executeTakeFirstOrThrow();
    const branded = await email('xena@x.example');
    expect(branded).toMatchObject({ from_name: 'Xander Learning Team', reply_to: 'help@xander.example' });
    expect(branded.html).toContain('background:#5f3dc4');
    expect(branded.html).toContain('src="data:image/png;base64,');
    expect(branded.text).toContain('https://learn.xander.example');
    const plain = await email('yuri@y.example');
    expect(plain.from_name).toBe('Tenant A');
    expect(plain.html).not.toContain('Xander');
    expect(plain.html).not.toContain('<img');
  });
});

describe('an account admin’s own branding', () => {
  it('edits, previews, publishes and restores their own account’s, and reaches no other', async () => {
    const xavier = await asXavier();
    const ySaved = await world.as('adminA').branding.saveDraft({ customerId: y, branding: GOOD_BRANDING });
    const start = await xavier.accountBranding.get();
    expect(start).toMatchObject({ customerId: x, accountName: 'Xander Corp', draft: null });
    const saved = await xavier.accountBranding.saveDraft({ branding: GOOD_BRANDING });
    expect(saved.draft.customerId).toBe(x);
    await xavier.accountBranding.publish({ draftId: saved.draft.id });
    expect((await publishedBrandingOf(world.database.db, world.tenants.A.id, x)).productName).toBe(
      'Xander Learning',
    );
    expect((await xavier.accountBranding.versions()).map((v) => v.status)).toEqual(['published']);
    await expectDomainError(() => xavier.accountBranding.restore({ id: ySaved.draft.id }), 'NOT_FOUND');
    await expectDomainError(() => xavier.accountBranding.publish({ draftId: ySaved.draft.id }), 'NOT_FOUND');
    expect((await xavier.accountBranding.restore({ id: saved.draft.id })).draft.restoredFrom).toBe(
      saved.draft.id,
    );
    // Staff are not account admins.
    await expectDomainError(() => world.as('adminA').accountBranding.get(), 'FORBIDDEN');
  });
});
