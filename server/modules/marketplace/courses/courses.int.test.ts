import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../../testing/world.test-kit';
import { courseIn, courseInput, instructorInput } from '../marketplace.test-kit';

let world: TestWorld;
let instructorId: string;
beforeEach(async () => {
  world = await createTestWorld();
  instructorId = (await world.as('adminA').marketplace.instructors.create(instructorInput())).id;
});
afterEach(() => world.close());

const admin = () => world.as('adminA');
const courses = () => admin().marketplace.courses;

async function auditedActions(entityId: string): Promise<string[]> {
  const rows = await world.database.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', entityId)
    .orderBy('at')
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

describe('courses', () => {
  it('are created as drafts with their prices, read and edited with their version', async () => {
    const created = await courses().create(
      courseInput(instructorId, { category: ' Programming ', shareBps: 7500 }),
    );
    expect(created).toMatchObject({
      instructorId,
      title: 'Compilers from scratch',
      category: 'programming',
      level: 'beginner',
      language: 'en',
      status: 'draft',
      statusReason: null,
      shareBps: 7500,
      prices: [
        { currency: 'EUR', amount: 1799 },
        { currency: 'USD', amount: 1999 },
      ],
      rating: { average: null, weighted: 3.5, count: 0 },
      enrollmentCount: 0,
      publishedAt: null,
      version: 1,
    });
    expect(await world.as('viewerA').marketplace.courses.get({ id: created.id })).toEqual(created);

    // Prices are replaced as a whole: EUR is no longer sold, JPY is.
    const edited = await courses().update({
      id: created.id,
      expectedVersion: 1,
      patch: {
        title: 'Compilers, step by step',
        prices: [{ currency: 'JPY', amount: 2500 }],
        shareBps: null,
      },
    });
    expect(edited).toMatchObject({
      title: 'Compilers, step by step',
      prices: [{ currency: 'JPY', amount: 2500 }],
      shareBps: null,
      version: 2,
    });
    expect(await courses().get({ id: created.id })).toEqual(edited);
    const stale = await expectDomainError(
      () => courses().update({ id: created.id, expectedVersion: 1, patch: { title: 'Late' } }),
      'CONFLICT',
    );
    expect(stale.message).toContain('Reload');
    expect(await auditedActions(created.id)).toEqual(['course.created', 'course.updated']);
  });

  it('refuses bad fields naming each, and writes nothing', async () => {
    const seen = await expectDomainError(
      () =>
        courses().create(
          courseInput(instructorId, {
            title: '',
            category: 'Web Development!',
            level: 'expert' as 'beginner',
            language: 'english',
            shareBps: -1,
            prices: [
              { currency: 'USD', amount: -100 },
              { currency: 'EUR', amount: 19.99 },
              { currency: 'ZZZ', amount: 100 },
            ],
          }),
        ),
      'INVALID_INPUT',
    );
    expect(seen.data.fieldErrors).toMatchObject({
      title: ['Title is required'],
      category: ['Category must be a slug of a–z 0–9 and -, like web-development'],
      language: ['Language must be a language tag, like en or pt-BR'],
      shareBps: ['Share cannot be negative'],
      'prices.0.amount': ['Amount cannot be negative'],
      'prices.1.amount': ['Amount must be a whole number of minor units, like 1999 for $19.99'],
      'prices.2.currency': ['Currency must be an ISO 4217 currency code, like USD or EUR'],
    });
    expect(seen.data.fieldErrors?.level?.[0]).toContain('Level must be one of');
    const twice = await expectDomainError(
      () =>
        courses().create(
          courseInput(instructorId, {
            prices: [
              { currency: 'USD', amount: 100 },
              { currency: 'usd', amount: 200 },
            ],
          }),
        ),
      'INVALID_INPUT',
    );
    expect(twice.data.fieldErrors).toEqual({ prices: ['Prices must name each currency once'] });
    const tooLong = await expectDomainError(
      () => courses().create(courseInput(instructorId, { description: 'x'.repeat(1024 * 1024) })),
      'INVALID_INPUT',
    );
    expect(tooLong.data.fieldErrors).toEqual({
      description: ['Description must be at most 20000 characters'],
    });
    const noInstructor = await expectDomainError(
      () => courses().create(courseInput('ins_01ARZ3NDEKTSV4RRFFQ69G5FAV')),
      'NOT_FOUND',
    );
    expect(noInstructor.data.fieldErrors).toEqual({ instructorId: ['No such instructor'] });
    const db = world.database.db;
    expect(await db.selectFrom('courses').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('course_prices').selectAll().execute()).toEqual([]);
  });

  it('go through review to published, each step audited and told to the instructor with its reason', async () => {
    const draft = await courses().create(courseInput(instructorId));
    const inReview = await courses().submitForReview({ id: draft.id, expectedVersion: 1 });
    expect(inReview).toMatchObject({ status: 'in_review', version: 2 });
    // Staff judge what was submitted: no edits while in review.
    const locked = await expectDomainError(
      () => courses().update({ id: draft.id, expectedVersion: 2, patch: { title: 'Sneaky' } }),
      'INVALID_STATE',
    );
    expect(locked.message).toContain('in review');

    const noReason = await expectDomainError(
      () => courses().reject({ id: draft.id, expectedVersion: 2, reason: '  ' }),
      'INVALID_INPUT',
    );
    expect(noReason.data.fieldErrors).toEqual({ reason: ['Reason is required: the instructor is told why'] });
    const rejected = await courses().reject({
      id: draft.id,
      expectedVersion: 2,
      reason: 'The preview video has no sound',
    });
    expect(rejected).toMatchObject({ status: 'draft', statusReason: 'The preview video has no sound' });

    await courses().update({ id: draft.id, expectedVersion: 3, patch: { subtitle: 'Now with sound' } });
    await courses().submitForReview({ id: draft.id, expectedVersion: 4 });
    world.clock.advance(60_000);
    const published = await courses().approve({ id: draft.id, expectedVersion: 5 });
    expect(published).toMatchObject({
      status: 'published',
      statusReason: null,
      publishedAt: world.clock.now(),
    });
    const firstPublished = published.publishedAt;

    const down = await courses().unpublish({ id: draft.id, expectedVersion: 6, reason: 'Copyright claim' });
    expect(down).toMatchObject({ status: 'unpublished', statusReason: 'Copyright claim' });
    world.clock.advance(60_000);
    const back = await courses().republish({ id: draft.id, expectedVersion: 7 });
    expect(back).toMatchObject({ status: 'published', publishedAt: firstPublished });
    const archived = await courses().archive({ id: draft.id, expectedVersion: 8 });
    expect(archived.status).toBe('archived');

    const decisions = await world.as('viewerA').marketplace.courses.decisions({ id: draft.id });
    expect(decisions.map((d) => [d.decision, d.fromStatus, d.toStatus, d.reason]).reverse()).toEqual([
      ['submitted', 'draft', 'in_review', null],
      ['rejected', 'in_review', 'draft', 'The preview video has no sound'],
      ['submitted', 'draft', 'in_review', null],
      ['approved', 'in_review', 'published', null],
      ['unpublished', 'published', 'unpublished', 'Copyright claim'],
      ['republished', 'unpublished', 'published', null],
      ['archived', 'published', 'archived', null],
    ]);
    expect(decisions.every((d) => d.actorName === world.principals.adminA.name)).toBe(true);
    expect(await auditedActions(draft.id)).toEqual([
      'course.created',
      'course.submitted',
      'course.rejected',
      'course.updated',
      'course.submitted',
      'course.approved',
      'course.unpublished',
      'course.republished',
      'course.archived',
    ]);
  });

  it('refuses each step its status does not allow, naming the status, and writes nothing', async () => {
    const draft = await courseIn(admin(), instructorId, 'draft');
    const published = await courseIn(admin(), instructorId, 'published');
    const archived = await courseIn(admin(), instructorId, 'archived');
    const at = (c: { id: string; version: number }) => ({ id: c.id, expectedVersion: c.version });
    const refusals: [() => Promise<unknown>, string][] = [
      [() => courses().approve(at(draft)), 'Cannot approve a course that is a draft'],
      [() => courses().reject({ ...at(draft), reason: 'No' }), 'Cannot reject a course that is a draft'],
      [
        () => courses().unpublish({ ...at(draft), reason: null }),
        'Cannot unpublish a course that is a draft',
      ],
      [() => courses().submitForReview(at(published)), 'Cannot submit a course that is published'],
      [() => courses().republish(at(published)), 'Cannot republish a course that is published'],
      [() => courses().archive(at(archived)), 'Cannot archive a course that is archived'],
      [() => courses().submitForReview(at(archived)), 'Cannot submit a course that is archived'],
    ];
    const before = await world.database.db.selectFrom('course_decisions').select('id').execute();
    for (const [step, message] of refusals) {
      expect((await expectDomainError(step, 'INVALID_STATE')).message).toBe(message);
    }
    expect(await world.database.db.selectFrom('course_decisions').select('id').execute()).toEqual(before);
    await expectDomainError(
      () => courses().update({ ...at(archived), patch: { title: 'Back' } }),
      'INVALID_STATE',
    );
    // A course without any price cannot be sold, so it is not sent to review.
    const free = await courses().create(courseInput(instructorId, { prices: [] }));
    const unpriced = await expectDomainError(() => courses().submitForReview(at(free)), 'INVALID_STATE');
    expect(unpriced.data.fieldErrors).toEqual({
      prices: ['Add a price before submitting the course for review'],
    });
    // A step on a version someone else moved on from.
    await expectDomainError(() => courses().archive({ id: published.id, expectedVersion: 1 }), 'CONFLICT');
  });

  it('cannot be changed by a viewer, nor moderated by billing staff', async () => {
    const inReview = await courseIn(admin(), instructorId, 'in_review');
    const viewer = world.as('viewerA').marketplace.courses;
    const at = { id: inReview.id, expectedVersion: inReview.version };
    for (const attempt of [
      () => viewer.create(courseInput(instructorId)),
      () => viewer.update({ ...at, patch: { title: 'Viewer' } }),
      () => viewer.approve(at),
      () => viewer.reject({ ...at, reason: 'Viewer' }),
      () => viewer.archive(at),
    ]) {
      await expectDomainError(attempt, 'FORBIDDEN');
    }
    const billing = world.as('billingA').marketplace.courses;
    await expectDomainError(() => billing.approve(at), 'FORBIDDEN');
    expect(await courses().get({ id: inReview.id })).toEqual(inReview);
    // Billing writes courses; support (platform) moderates them.
    expect(
      (await world.as('platformSupport', world.tenants.A.id).marketplace.courses.approve(at)).status,
    ).toBe('published');
  });
});

describe('marketplace settings', () => {
  it('start at the defaults and are changed with their version', async () => {
    const settings = admin().marketplace.settings;
    expect(await world.as('viewerA').marketplace.settings.get()).toEqual({
      defaultShareBps: 7000,
      channelShares: {},
      refundWindowDays: 30,
      holdDays: 30,
      payoutDayOfMonth: 1,
      minimumPayouts: {},
      version: 0,
      updatedAt: null,
    });
    const changed = await settings.update({
      expectedVersion: 0,
      patch: { defaultShareBps: 6500, holdDays: 14 },
    });
    expect(changed).toMatchObject({ defaultShareBps: 6500, holdDays: 14, refundWindowDays: 30, version: 1 });
    expect(await settings.get()).toEqual(changed);
    await expectDomainError(
      () => settings.update({ expectedVersion: 0, patch: { holdDays: 1 } }),
      'CONFLICT',
    );
    const again = await settings.update({ expectedVersion: 1, patch: { payoutDayOfMonth: 15 } });
    expect(again).toMatchObject({ defaultShareBps: 6500, payoutDayOfMonth: 15, version: 2 });
    const bad = await expectDomainError(
      () => settings.update({ expectedVersion: 2, patch: { payoutDayOfMonth: 31 } }),
      'INVALID_INPUT',
    );
    expect(bad.data.fieldErrors).toEqual({
      'patch.payoutDayOfMonth': ['Payout day must be between 1 and 28 (every month has it)'],
    });
    await expectDomainError(
      () => world.as('viewerA').marketplace.settings.update({ expectedVersion: 2, patch: { holdDays: 0 } }),
      'FORBIDDEN',
    );
  });
});
