/**
 * The weighted rating lists sort by (issue 16, decision 167): the course's stars blended with
 * RATING_PRIOR_COUNT imaginary reviews of RATING_PRIOR_MEAN stars, so a course with one 5-star
 * review does not top one with fifty reviews averaging 4.6. The same formula runs in SQL as an
 * integer key, so both databases sort the same way without floating point.
 */

export const RATING_PRIOR_COUNT = 10;
export const RATING_PRIOR_MEAN = 3.5;
/** The prior's stars, RATING_PRIOR_COUNT × RATING_PRIOR_MEAN: a whole number, so SQL stays in integers. */
const PRIOR_STARS = RATING_PRIOR_COUNT * RATING_PRIOR_MEAN;
/** The key's unit: a millionth of a star. */
export const RATING_KEY_SCALE = 1_000_000;

/** (rating_sum + 10 × 3.5) / (rating_count + 10): between 1 and 5 for any reviews; 3.5 for none. */
export function weightedRating(ratingSum: number, ratingCount: number): number {
  return (ratingSum + PRIOR_STARS) / (ratingCount + RATING_PRIOR_COUNT);
}

/** The weighted rating in millionths of a star, rounded down: what SQL computes for the sort. */
export function weightedRatingKey(ratingSum: number, ratingCount: number): number {
  return Math.floor(((ratingSum + PRIOR_STARS) * RATING_KEY_SCALE) / (ratingCount + RATING_PRIOR_COUNT));
}

/** The plain average of the published reviews, or null when there are none (what a course page shows). */
export function averageRating(ratingSum: number, ratingCount: number): number | null {
  return ratingCount === 0 ? null : ratingSum / ratingCount;
}

const COLUMN = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/**
 * weightedRatingKey as SQL over two integer columns (`courses.rating_sum`, `courses.rating_count`):
 * integer multiplication and division, which truncate the same way on SQLite and PostgreSQL.
 * The names are the code's, never input; anything but a plain column name is refused.
 */
export function weightedRatingKeySql(sumColumn: string, countColumn: string): string {
  for (const column of [sumColumn, countColumn]) {
    if (!COLUMN.test(column)) throw new Error(`Not a column name: ${column}`);
  }
  return `((${sumColumn} + ${PRIOR_STARS}) * ${RATING_KEY_SCALE}) / (${countColumn} + ${RATING_PRIOR_COUNT})`;
}
