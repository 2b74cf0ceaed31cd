import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { courseListInput } from '../../../../shared/marketplace/schema';
import { weightedRatingKeySql } from '../../../../shared/marketplace/rating';
import type { Page } from '../../../../shared/page';
import { dialectOf } from '../../../db/dialect';
import { cappedTotal } from '../../../db/list-totals';
import type { DB } from '../../../db/schema';
import { decodeCursor } from '../../../lib/keyset-cursor';
import { keysetPage } from '../../../lib/keyset-page';
import { toCourseSummary, type CourseSummary } from './row';
import { courseWordsMatch } from './search';
import { pricesOf } from './service';

type Input = z.output<typeof courseListInput>;

/** One row of the courses list: the course and its instructor's name. */
export interface CourseListItem extends CourseSummary {
  instructorName: string;
}

/** The price of the course in `currency` (the filter makes sure it has one). */
const priceIn = (currency: string) =>
  sql<number>`(SELECT p.amount FROM course_prices p WHERE p.course_id = courses.id AND p.currency = ${currency})`;

/** What each sort orders by: a whole number on both databases, so the cursor compares plain numbers. */
function sortKey(input: Input): RawBuilder<number> {
  switch (input.sort.field) {
    case 'newest':
      return sql<number>`courses.created_at`;
    case 'popular':
      return sql<number>`courses.enrollment_count`;
    case 'rating':
      return sql<number>`${sql.raw(weightedRatingKeySql('courses.rating_sum', 'courses.rating_count'))}`;
    case 'price':
      // The input's check makes a price sort name its currency.
      return priceIn(input.currency ?? '');
  }
}

/** The filters as conditions on `courses`. */
function conditions(db: Kysely<DB>, input: Input): RawBuilder<boolean>[] {
  const where: RawBuilder<boolean>[] = [];
  if (input.status) where.push(sql<boolean>`courses.status = ${input.status}`);
  if (input.instructorId) where.push(sql<boolean>`courses.instructor_id = ${input.instructorId}`);
  if (input.category) where.push(sql<boolean>`courses.category = ${input.category}`);
  if (input.level) where.push(sql<boolean>`courses.level = ${input.level}`);
  if (input.language) where.push(sql<boolean>`courses.language = ${input.language}`);
  if (input.currency) {
    const min = input.priceMin == null ? sql`` : sql` AND p.amount >= ${input.priceMin}`;
    const max = input.priceMax == null ? sql`` : sql` AND p.amount <= ${input.priceMax}`;
    where.push(
      sql<boolean>`EXISTS (SELECT 1 FROM course_prices p WHERE p.course_id = courses.id AND p.currency = ${input.currency}${min}${max})`,
    );
  }
  if (input.minRating != null) {
    // Average stars ≥ minRating, in integers: sum × 10 ≥ tenths × count.
    const tenths = Math.round(input.minRating * 10);
    where.push(
      sql<boolean>`(courses.rating_count > 0 AND courses.rating_sum * 10 >= ${tenths} * courses.rating_count)`,
    );
  }
  const words = courseWordsMatch(dialectOf(db), input.search);
  if (words) where.push(words);
  return where;
}

/**
 * The tenant's courses, a keyset page by (sort key, id): search, filters (status, instructor,
 * category, level, language, price range in a currency, minimum average rating) and sorts
 * (newest, weighted rating, price in a currency, popular by active enrollments).
 */
export async function listCourses(
  db: Kysely<DB>,
  tenantId: string,
  input: Input,
): Promise<Page<CourseListItem>> {
  const key = sortKey(input);
  const where = conditions(db, input);
  const filtered = () =>
    where.reduce((q, c) => q.where(c), db.selectFrom('courses').where('courses.tenant_id', '=', tenantId));
  const { direction } = input.sort;
  let page = filtered()
    .innerJoin('instructors', 'instructors.id', 'courses.instructor_id')
    .select([
      'courses.id',
      'courses.instructor_id',
      'instructors.name as instructor_name',
      'courses.title',
      'courses.subtitle',
      'courses.category',
      'courses.level',
      'courses.language',
      'courses.status',
      'courses.status_reason',
      'courses.share_bps',
      'courses.cover_image_key',
      'courses.current_version_id',
      'courses.rating_sum',
      'courses.rating_count',
      'courses.enrollment_count',
      'courses.published_at',
      'courses.version',
      'courses.created_at',
      'courses.updated_at',
      key.as('sort_value'),
    ]);
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    const after = sql<boolean>`(${key}, courses.id) ${sql.raw(direction === 'desc' ? '<' : '>')} (${Number(cursor.value)}, ${cursor.id})`;
    page = page.where(after);
  }
  const order = sql.raw(direction === 'desc' ? 'DESC' : 'ASC');
  const rows = await page
    .orderBy(sql`${key} ${order}`)
    .orderBy('courses.id', direction)
    .limit(input.limit + 1)
    .execute();
  const prices = await pricesOf(
    db,
    tenantId,
    rows.slice(0, input.limit).map((r) => r.id),
  );
  const total = input.cursor ? null : await cappedTotal(filtered(), db);
  return keysetPage(rows, input.limit, {
    item: (row) => ({
      ...toCourseSummary(row, prices.get(row.id) ?? []),
      instructorName: row.instructor_name,
    }),
    cursorOf: (row) => ({ value: Number(row.sort_value), id: row.id }),
    total,
  });
}
