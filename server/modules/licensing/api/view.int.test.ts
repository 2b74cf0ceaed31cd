import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DB } from '../../../db/schema';
import { createTestWorld, START, type TestWorld } from '../../../testing/world.test-kit';
import { licenseKeyHash } from './key-hash';
import { seedLicense, seedPolicy } from '../licensing.test-kit';
import { forgetLicenseView, licenseView, VIEW_CACHE_MS } from './view';

/**
 * The API's view of a license is read once however many requests ask for it at the same
 * moment, a forget during that read makes later requests read again, and a view in use late
 * in its life is read again in the background while requests are answered from it.
 */

let world: TestWorld;
let statements: number;
let db: Kysely<DB>;
let hash: string;
let licenseId: string;

beforeEach(async () => {
  world = await createTestWorld();
  const base = world.database.db;
  const customerId = (
    await world.as('adminA').customers.create({ name: 'Uni', email: 'it@uni.test', country: 'GB' })
  ).id;
  const productId = (await world.as('billingA').catalog.createProduct({ name: 'Academy' })).id;
  const policy = await seedPolicy(base, { tenantId: world.tenants.A.id, productId, now: START });
  const seeded = await seedLicense(base, { policy, customerId, now: START });
  hash = licenseKeyHash(seeded.key);
  licenseId = seeded.license.id;
  statements = 0;
  // A handle of its own (so a memory of its own) that counts the statements it runs.
  db = base.withPlugin({
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  });
});
afterEach(() => world.close());

describe('licenseView', () => {
  it('answers requests arriving together from one read', async () => {
    const views = await Promise.all(Array.from({ length: 20 }, () => licenseView(db, hash, START)));
    expect(new Set(views.map((v) => v?.license.id))).toEqual(new Set([licenseId]));
    expect(statements).toBe(5);
    await licenseView(db, hash, START + 1);
    expect(statements).toBe(5);
  });

  it('reads again for a request that comes after a forget, even while a read is under way', async () => {
    const first = licenseView(db, hash, START);
    forgetLicenseView(licenseId);
    const second = licenseView(db, hash, START);
    await Promise.all([first, second]);
    expect(statements).toBe(10);
  });

  it('reads again once the usage period the view counts has ended, within the view’s seconds', async () => {
    const to = (await licenseView(db, hash, START))?.periodSpan.to ?? 0;
    forgetLicenseView(licenseId);
    await licenseView(db, hash, to - 1_000);
    expect(statements).toBe(10);
    await licenseView(db, hash, to - 1);
    expect(statements).toBe(10);
    await licenseView(db, hash, to + 1);
    expect(statements).toBe(15);
  });

  it('answers from a view late in its life at once and reads it again once, in the background', async () => {
    const kept = await licenseView(db, hash, START);
    const late = START + VIEW_CACHE_MS * 0.95;
    const answers = await Promise.all(Array.from({ length: 10 }, () => licenseView(db, hash, late)));
    expect(answers.every((view) => view === kept)).toBe(true);
    await vi.waitFor(() => expect(statements).toBe(10));
    const after = await licenseView(db, hash, late + 1);
    expect(after).not.toBe(kept);
    expect(after?.license.id).toBe(licenseId);
    // The refreshed view lives from the background read on: no read until late in its own life.
    await licenseView(db, hash, late + VIEW_CACHE_MS * 0.5);
    expect(statements).toBe(10);
  });

  it('reads an expired view before answering', async () => {
    const kept = await licenseView(db, hash, START);
    const answer = await licenseView(db, hash, START + VIEW_CACHE_MS);
    expect(answer).not.toBe(kept);
    expect(statements).toBe(10);
  });
});
