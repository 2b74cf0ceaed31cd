import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageRating,
  RATING_KEY_SCALE,
  weightedRating,
  weightedRatingKey,
  weightedRatingKeySql,
} from './rating';

/** Reviews as (sum of stars, count): count reviews of 1–5 stars each. */
const reviews = fc
  .integer({ min: 0, max: 1_000_000 })
  .chain((count) => fc.integer({ min: count, max: count * 5 }).map((sum) => ({ sum, count })));

describe('the weighted rating', () => {
  it('does not let one 5-star review beat fifty reviews averaging 4.6', () => {
    const oneFive = weightedRating(5, 1);
    const fiftyAt46 = weightedRating(230, 50);
    expect(oneFive).toBeCloseTo(40 / 11, 12);
    expect(fiftyAt46).toBeCloseTo(265 / 60, 12);
    expect(fiftyAt46).toBeGreaterThan(oneFive);
    expect(weightedRatingKey(230, 50)).toBeGreaterThan(weightedRatingKey(5, 1));
  });

  it('is 3.5 with no reviews, and tends to the average as reviews pile up', () => {
    expect(weightedRating(0, 0)).toBe(3.5);
    expect(weightedRating(480_000, 100_000)).toBeCloseTo(4.8, 3);
    expect(averageRating(0, 0)).toBeNull();
    expect(averageRating(9, 2)).toBe(4.5);
  });

  it('stays between 1 and 5 stars for any reviews', () => {
    fc.assert(
      fc.property(reviews, ({ sum, count }) => {
        const rating = weightedRating(sum, count);
        expect(rating).toBeGreaterThanOrEqual(1);
        expect(rating).toBeLessThanOrEqual(5);
      }),
    );
  });

  it('has an integer key that is the rating in millionths of a star, rounded down exactly', () => {
    fc.assert(
      fc.property(reviews, ({ sum, count }) => {
        const exact = (BigInt(sum + 35) * BigInt(RATING_KEY_SCALE)) / BigInt(count + 10);
        expect(weightedRatingKey(sum, count)).toBe(Number(exact));
      }),
    );
  });

  it('orders courses by key as it orders them by rating', () => {
    fc.assert(
      fc.property(reviews, reviews, (a, b) => {
        if (weightedRating(a.sum, a.count) > weightedRating(b.sum, b.count)) {
          expect(weightedRatingKey(a.sum, a.count)).toBeGreaterThanOrEqual(weightedRatingKey(b.sum, b.count));
        }
      }),
    );
  });

  it('spells the key in SQL over the named columns, and refuses anything but a column name', () => {
    expect(weightedRatingKeySql('courses.rating_sum', 'courses.rating_count')).toBe(
      '((courses.rating_sum + 35) * 1000000) / (courses.rating_count + 10)',
    );
    expect(() => weightedRatingKeySql('1); DROP TABLE courses; --', 'rating_count')).toThrow(/column/);
  });
});
