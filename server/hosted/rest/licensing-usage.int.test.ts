import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UsageLimit } from '../../../shared/licensing/policy';
import type { DB } from '../../db/schema';
import { insertAccountMember, insertUser } from '../../modules/tenants';
import { licensingRestPerFile } from './licensing-rest.test-kit';
import type { RestWorld } from './rest.test-kit';

/**
 * Usage over real HTTP (docs/rest-api.md, "Licensing"): each event counted once in the period it
 * happened in, with the 80 % and 100 % alerts and the limit; an unknown metric or a bad quantity
 * is a 400 naming the field, storing nothing; another workspace's key finds nothing.
 */

const k = licensingRestPerFile();
const { license, call } = k;
let world: RestWorld;
let db: Kysely<DB>;
beforeAll(() => ({ world, db } = k.current()));

describe('usage', () => {
  const limits: UsageLimit[] = [{ metric: 'course_hours', limit: 10, rule: { kind: 'BLOCK' } }];

  it('counts each event once, in the period it happened in, with alerts and the limit', async () => {
    const { license: row, key } = await license({ machine_mode: 'NONE', usageLimits: limits });
    const now = world.clock.now();
    // The account's admin, whom the 80 % and 100 % alerts reach.
    const admin = await insertUser(db, { email: 'ops@a.test', name: 'Ops A', now });
    await insertAccountMember(db, {
      tenantId: world.a.tenant.id,
      customerId: k.current().made.a.customerId,
      userId: admin.id,
      createdBy: null,
      now,
    });
    const lastMonth = Date.UTC(2026, 4, 20);
    const sent = await call('usage', {
      key,
      events: [
        { id: 'e1', metric: 'course_hours', quantity: 8, occurred_at: now },
        { id: 'e0', metric: 'course_hours', quantity: 3, occurred_at: lastMonth },
      ],
    });
    expect(sent.json).toMatchObject({
      object: 'license_usage',
      ok: true,
      events: [
        { id: 'e1', status: 'APPLIED', period: '2026-06', total: 8, alerts: [80] },
        { id: 'e0', status: 'APPLIED', period: '2026-05', total: 3, alerts: [] },
      ],
    });
    const replay = await call('usage', {
      key,
      events: [{ id: 'e1', metric: 'course_hours', quantity: 8, occurred_at: now }],
    });
    expect(replay.json).toMatchObject({
      events: [{ id: 'e1', status: 'DUPLICATE', period: '2026-06', total: 8 }],
    });
    const reused = await call('usage', {
      key,
      events: [{ id: 'e1', metric: 'course_hours', quantity: 1, occurred_at: now }],
    });
    expect(reused.json).toMatchObject({ events: [{ status: 'CONFLICT', total: 8 }] });
    const full = await call('usage', {
      key,
      events: [
        { id: 'e2', metric: 'course_hours', quantity: 2, occurred_at: now },
        { id: 'e3', metric: 'course_hours', quantity: 1, occurred_at: now },
      ],
    });
    expect(full.json).toMatchObject({
      events: [
        { status: 'APPLIED', total: 10, alerts: [100] },
        { status: 'OVER_LIMIT', total: 10 },
      ],
    });
    const totals = await db
      .selectFrom('license_usage')
      .select(['period', 'quantity', 'alerted_percent'])
      .where('license_id', '=', row.id)
      .orderBy('period')
      .execute();
    expect(totals).toEqual([
      { period: '2026-05', quantity: 3, alerted_percent: null },
      { period: '2026-06', quantity: 10, alerted_percent: 100 },
    ]);
    const stored = await db
      .selectFrom('license_usage_events')
      .select('event_id')
      .where('license_id', '=', row.id)
      .execute();
    expect(stored.map((e) => e.event_id).sort()).toEqual(['e0', 'e1', 'e2']);
    const alerts = await db
      .selectFrom('email_outbox')
      .select(['template', 'subject'])
      .where('recipient', '=', 'ops@a.test')
      .orderBy('created_at')
      .orderBy('subject')
      .execute();
    // Told apart by their words (sorted), not by their times, which a test clock may leave equal.
    expect(alerts.map((a) => a.template)).toEqual(['license_usage_alert', 'license_usage_alert']);
    expect(alerts.map((a) => a.subject.replace(/.*: /, '')).sort()).toEqual([
      'course_hours has reached its limit',
      'course_hours is at 80 % of its limit',
    ]);
    expect((await call('validate', { key })).json).toMatchObject({
      valid: false,
      code: 'USAGE_LIMIT_EXCEEDED',
    });
  });

  it('refuses an unknown metric and bad quantities by name, storing nothing', async () => {
    const { license: row, key } = await license({ machine_mode: 'NONE', usageLimits: limits });
    const event = { id: 'x', metric: 'course_hours', quantity: 1, occurred_at: world.clock.now() };
    const cases: [unknown, string][] = [
      [[event, { ...event, id: 'y', metric: 'storage' }], 'events.1.metric'],
      [[{ ...event, quantity: -1 }], 'events.0.quantity'],
      [[{ ...event, quantity: 0 }], 'events.0.quantity'],
      [[{ ...event, quantity: 1.5 }], 'events.0.quantity'],
      [[{ ...event, quantity: 2 ** 53 }], 'events.0.quantity'],
      [[{ ...event, quantity: '1' }], 'events.0.quantity'],
      [[{ ...event, occurred_at: 'today' }], 'events.0.occurred_at'],
      [[{ ...event, extra: true }], 'events.0.extra'],
      [[], 'events'],
    ];
    for (const [events, param] of cases) {
      const answer = await call('usage', { key, events });
      expect(answer.status, param).toBe(400);
      expect(answer.json.error).toMatchObject({ type: 'invalid_request_error', param });
    }
    const stored = await db
      .selectFrom('license_usage_events')
      .select('id')
      .where('license_id', '=', row.id)
      .execute();
    expect(stored).toEqual([]);
    const ofA = await call('usage', { key, events: [event] }, world.b.key);
    expect(ofA.json).toMatchObject({ ok: false, code: 'NOT_FOUND', events: [] });
  });
});
