import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseListInput } from '../../../../shared/marketplace/schema';
import { weightedRatingKey } from '../../../../shared/marketplace/rating';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../../testing/world.test-kit';
import { courseIn, instructorInput } from '../marketplace.test-kit';

/**
 * The courses list on each database: search over title, subtitle and description, the filters,
 * the four sorts and keyset pages. One world, seeded once; the tests only read.
 */

let world: TestWorld;
const ids: Record<string, string> = {};

interface Seed {
  title: string;
  subtitle?: string;
  description?: string;
  category?: string;
  level?: 'beginner' | 'intermediate' | 'advanced' | 'all_levels';
  language?: string;
  usd?: number;
  eur?: number;
  /** Stars of the course's reviews, written straight into its counters (reviews come later). */
  stars?: number[];
  enrollments?: number;
  status?: 'draft' | 'published';
}

const SEEDS: Seed[] = [
  { title: 'Rust for beginners', category: 'programming', usd: 1999, eur: 1799, stars: [5], enrollments: 3 },
  {
    title: 'Advanced TypeScript',
    subtitle: 'Types that explain themselves',
    category: 'programming',
    level: 'advanced',
    usd: 4999,
    stars: Array.from({ length: 50 }, (_, i) => (i < 30 ? 5 : 4)),
    enrollments: 120,
  },
  {
    title: 'Café au lait latte art',
    description: 'Milk, espresso and patience.',
    category: 'cooking',
    language: 'fr',
    eur: 2900,
    stars: [4, 4, 3],
    enrollments: 40,
  },
  { title: 'Watercolour landscapes', category: 'art', level: 'all_levels', usd: 999, enrollments: 7 },
  {
    title: 'Intermediate Rust',
    subtitle: 'Ownership in depth',
    category: 'programming',
    level: 'intermediate',
    usd: 2999,
    stars: [5, 5, 4, 4],
    enrollments: 60,
  },
  { title: 'Draft: Go concurrency', category: 'programming', usd: 2500, status: 'draft' },
];

beforeAll(async () => {
  world = await createTestWorld();
  const admin = world.as('adminA');
  const instructor = await admin.marketplace.instructors.create(instructorInput({ name: 'Niklaus Wirth' }));
  for (const seed of SEEDS) {
    const prices = [
      ...(seed.usd === undefined ? [] : [{ currency: 'USD', amount: seed.usd }]),
      ...(seed.eur === undefined ? [] : [{ currency: 'EUR', amount: seed.eur }]),
    ];
    const course = await courseIn(admin, instructor.id, seed.status ?? 'published', {
      title: seed.title,
      subtitle: seed.subtitle ?? '',
      description: seed.description ?? '',
      category: seed.category,
      level: seed.level ?? 'beginner',
      language: seed.language ?? 'en',
      prices,
    });
    ids[seed.title] = course.id;
    const stars = seed.stars ?? [];
    await world.database.db
      .updateTable('courses')
      .set({
        rating_sum: stars.reduce((a, b) => a + b, 0),
        rating_count: stars.length,
        enrollment_count: seed.enrollments ?? 0,
      })
      .where('id', '=', course.id)
      .execute();
    world.clock.advance(1000);
  }
});
afterAll(() => world?.close());

const list = (input: CourseListInput = {}) => world.as('viewerA').marketplace.courses.list(input);
const titles = async (input: CourseListInput = {}) => (await list(input)).items.map((c) => c.title);

describe('the courses list', () => {
  it('lists newest first by default, with prices, rating and instructor', async () => {
    const page = await list();
    expect(page.items.map((c) => c.title)).toEqual([...SEEDS].reverse().map((s) => s.title));
    expect(page.total).toBe(SEEDS.length);
    const rust = page.items.find((c) => c.title === 'Rust for beginners');
    expect(rust).toMatchObject({
      instructorName: 'Niklaus Wirth',
      status: 'published',
      prices: [
        { currency: 'EUR', amount: 1799 },
        { currency: 'USD', amount: 1999 },
      ],
      rating: { average: 5, count: 1 },
      enrollmentCount: 3,
    });
    expect(rust?.rating.weighted).toBeCloseTo(40 / 11, 12);
    expect(rust).not.toHaveProperty('description');
  });

  it('searches words of the title, subtitle and description, each typed word the start of one', async () => {
    expect((await titles({ search: 'rust' })).sort()).toEqual(['Intermediate Rust', 'Rust for beginners']);
    expect(await titles({ search: 'own dep' })).toEqual(['Intermediate Rust']);
    expect(await titles({ search: 'espresso' })).toEqual(['Café au lait latte art']);
    expect(await titles({ search: 'café' })).toEqual(['Café au lait latte art']);
    expect(await titles({ search: 'TYPES explain' })).toEqual(['Advanced TypeScript']);
    expect(await titles({ search: 'rust haskell' })).toEqual([]);
    // Query syntax is only text: no error, no match beyond the words.
    expect(await titles({ search: '"rust" OR * NEAR(' })).toEqual([]);
    expect((await titles({ search: '*** ' })).length).toBe(SEEDS.length);
  });

  it('filters by status, category, level, language, price range in a currency and minimum rating', async () => {
    expect(await titles({ status: 'draft' })).toEqual(['Draft: Go concurrency']);
    expect((await titles({ status: 'published', category: 'programming' })).sort()).toEqual([
      'Advanced TypeScript',
      'Intermediate Rust',
      'Rust for beginners',
    ]);
    expect(await titles({ level: 'intermediate' })).toEqual(['Intermediate Rust']);
    expect(await titles({ language: 'fr' })).toEqual(['Café au lait latte art']);
    expect(await titles({ currency: 'EUR' })).toEqual(['Café au lait latte art', 'Rust for beginners']);
    expect((await titles({ currency: 'USD', priceMin: 1999, priceMax: 2999 })).sort()).toEqual([
      'Draft: Go concurrency',
      'Intermediate Rust',
      'Rust for beginners',
    ]);
    // Averages: Rust 5, TypeScript 4.6, Intermediate 4.5, Café 3.67; no reviews is no rating.
    expect((await titles({ minRating: 4.5 })).sort()).toEqual([
      'Advanced TypeScript',
      'Intermediate Rust',
      'Rust for beginners',
    ]);
    expect(await titles({ minRating: 4.6, search: 'typescript' })).toEqual(['Advanced TypeScript']);
  });

  it('sorts by weighted rating: one 5-star review does not beat fifty averaging 4.6', async () => {
    const byRating = await list({ status: 'published', sort: { field: 'rating', direction: 'desc' } });
    expect(byRating.items.map((c) => c.title)).toEqual([
      'Advanced TypeScript',
      'Intermediate Rust',
      'Rust for beginners',
      'Café au lait latte art',
      'Watercolour landscapes',
    ]);
    const keys = byRating.items.map((c) => {
      const seed = SEEDS.find((s) => s.title === c.title);
      const stars = seed?.stars ?? [];
      return weightedRatingKey(
        stars.reduce((a, b) => a + b, 0),
        stars.length,
      );
    });
    expect([...keys].sort((a, b) => b - a)).toEqual(keys);
  });

  it('sorts by price in a currency, and by popularity', async () => {
    expect(
      await titles({ currency: 'USD', status: 'published', sort: { field: 'price', direction: 'asc' } }),
    ).toEqual(['Watercolour landscapes', 'Rust for beginners', 'Intermediate Rust', 'Advanced TypeScript']);
    expect(await titles({ sort: { field: 'popular', direction: 'desc' }, status: 'published' })).toEqual([
      'Advanced TypeScript',
      'Intermediate Rust',
      'Café au lait latte art',
      'Watercolour landscapes',
      'Rust for beginners',
    ]);
  });

  it('pages by cursor through every sort without a row twice or missing', async () => {
    const sorts: CourseListInput['sort'][] = [
      { field: 'newest', direction: 'desc' },
      { field: 'newest', direction: 'asc' },
      { field: 'rating', direction: 'desc' },
      { field: 'rating', direction: 'asc' },
      { field: 'popular', direction: 'asc' },
      { field: 'price', direction: 'desc' },
    ];
    for (const sort of sorts) {
      const input: CourseListInput = { sort, currency: sort?.field === 'price' ? 'USD' : null };
      const whole = await titles(input);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list({ ...input, limit: 2, cursor });
        paged.push(...page.items.map((c) => c.title));
        expect(page.total === null).toBe(cursor !== null);
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged, JSON.stringify(sort)).toEqual(whole);
    }
  });

  it('refuses a price filter or sort without its currency, and a broken cursor, naming the field', async () => {
    const noCurrency = await expectDomainError(() => list({ priceMin: 100 }), 'INVALID_INPUT');
    expect(noCurrency.data.fieldErrors).toEqual({
      currency: ['Currency is required to filter or sort by price'],
    });
    await expectDomainError(() => list({ sort: { field: 'price', direction: 'asc' } }), 'INVALID_INPUT');
    const backwards = await expectDomainError(
      () => list({ currency: 'USD', priceMin: 500, priceMax: 100 }),
      'INVALID_INPUT',
    );
    expect(backwards.data.fieldErrors).toEqual({
      priceMax: ['Maximum price must be at least the minimum price'],
    });
    const rating = await expectDomainError(() => list({ minRating: 4.55 }), 'INVALID_INPUT');
    expect(rating.data.fieldErrors).toEqual({
      minRating: ['Minimum rating must be in tenths of a star, like 4.5'],
    });
    const cursor = await expectDomainError(() => list({ cursor: 'not-a-cursor' }), 'INVALID_INPUT');
    expect(cursor.data.fieldErrors).toEqual({ cursor: ['not a cursor this list produced'] });
  });

  it('shows another workspace none of them', async () => {
    expect((await world.as('adminB').marketplace.courses.list({})).items).toEqual([]);
    await expectDomainError(
      () => world.as('adminB').marketplace.courses.get({ id: ids['Rust for beginners'] ?? '' }),
      'NOT_FOUND',
    );
  });
});
