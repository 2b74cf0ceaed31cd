import { describe, expect, it } from 'vitest';
import { courseCreateInput, courseListInput, instructorCreateInput } from './schema';

const INSTRUCTOR = 'ins_01ARZ3NDEKTSV4RRFFQ69G5FAV';
const course = {
  instructorId: INSTRUCTOR,
  title: 'Rust',
  category: 'programming',
  level: 'beginner',
  language: 'en',
};

const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => [
  ...new Set((result.error?.issues ?? []).map((issue) => issue.path.join('.'))),
];

describe('marketplace inputs', () => {
  it('fill a new course’s optional texts and prices, and a new instructor’s flags', () => {
    expect(courseCreateInput.parse(course)).toEqual({
      ...course,
      subtitle: '',
      description: '',
      prices: [],
      shareBps: null,
    });
    expect(instructorCreateInput.parse({ name: 'Ada', email: 'ADA@x.example' })).toEqual({
      name: 'Ada',
      email: 'ada@x.example',
      customerId: null,
      payoutAccountId: null,
      payoutDetailsComplete: false,
      shareBps: null,
      payoutHold: false,
    });
  });

  it('refuse amounts past Stripe’s ceiling or 2^53, fractions of a minor unit, and unknown keys', () => {
    for (const amount of [100_000_000, 2 ** 53, 0.5, Number.NaN]) {
      const result = courseCreateInput.safeParse({ ...course, prices: [{ currency: 'USD', amount }] });
      expect(fieldsOf(result), String(amount)).toEqual(['prices.0.amount']);
    }
    const polluted = courseCreateInput.safeParse(JSON.parse(`{"title":"x","__proto__":{"admin":true}}`));
    expect(polluted.success).toBe(false);
  });

  it('take a minimum rating in tenths of a star', () => {
    for (const stars of [1, 3.3, 4.5, 4.9, 5])
      expect(courseListInput.safeParse({ minRating: stars }).success).toBe(true);
    for (const stars of [0.9, 4.55, 5.1]) {
      expect(fieldsOf(courseListInput.safeParse({ minRating: stars }))).toEqual(['minRating']);
    }
  });

  it('need a currency to filter or sort by price', () => {
    expect(fieldsOf(courseListInput.safeParse({ priceMax: 100 }))).toEqual(['currency']);
    expect(fieldsOf(courseListInput.safeParse({ sort: { field: 'price', direction: 'asc' } }))).toEqual([
      'currency',
    ]);
    expect(courseListInput.safeParse({ currency: 'usd', priceMax: 100 }).success).toBe(true);
  });
});
