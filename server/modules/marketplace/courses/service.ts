import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../../../shared/ids';
import type { courseCreateInput, courseUpdateInput } from '../../../../shared/marketplace/schema';
import { runCommand, type CommandScope, type EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { DomainError } from '../../../lib/errors';
import { findInstructor } from '../instructors/service';
import {
  courseColumns,
  courseFieldsOf,
  toCourse,
  type Course,
  type CoursePrice,
  type CourseRow,
} from './row';

/**
 * Courses (issue 16): an instructor's course, its texts, category, level, language, prices (one
 * per currency) and share. A new course is a draft; publishing steps are in publishing.ts. Edits
 * carry the version they started from (decision 8) and are refused while the course is in review
 * (staff judge what was submitted) or archived.
 */

type Db = Kysely<DB> | Transaction<DB>;
type CreateInput = z.output<typeof courseCreateInput>;
type UpdateInput = z.output<typeof courseUpdateInput>;

export const COURSE_ENTITY = 'course';
export const courseChange = (before: Course | null, after: Course): EntityChange => ({
  entityType: COURSE_ENTITY,
  entityId: after.id,
  before: before && { ...before },
  after: { ...after },
});

const courseNotFound = () => new DomainError('NOT_FOUND', 'Course was not found', { id: ['No such course'] });

export async function findCourseRow(db: Db, tenantId: string, id: string): Promise<CourseRow> {
  const row = await db
    .selectFrom('courses')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw courseNotFound();
  return row;
}

/** The prices of each course named, by course id. */
export async function pricesOf(db: Db, tenantId: string, courseIds: readonly string[]) {
  const byCourse = new Map<string, CoursePrice[]>();
  if (courseIds.length === 0) return byCourse;
  const rows = await db
    .selectFrom('course_prices')
    .select(['course_id', 'currency', 'amount'])
    .where('tenant_id', '=', tenantId)
    .where('course_id', 'in', courseIds)
    .execute();
  for (const row of rows) {
    const list = byCourse.get(row.course_id) ?? [];
    list.push({ currency: row.currency, amount: Number(row.amount) });
    byCourse.set(row.course_id, list);
  }
  return byCourse;
}

/** The tenant's course with its prices, or not found. */
export async function findCourse(db: Db, tenantId: string, id: string): Promise<Course> {
  const row = await findCourseRow(db, tenantId, id);
  const prices = await pricesOf(db, tenantId, [id]);
  return toCourse(row, prices.get(id) ?? []);
}

/** Replaces a course's prices with `prices` (one per currency). */
async function savePrices(
  trx: Transaction<DB>,
  tenantId: string,
  courseId: string,
  prices: readonly CoursePrice[],
): Promise<void> {
  await trx
    .deleteFrom('course_prices')
    .where('tenant_id', '=', tenantId)
    .where('course_id', '=', courseId)
    .execute();
  if (prices.length === 0) return;
  await trx
    .insertInto('course_prices')
    .values(
      prices.map((p) => ({
        tenant_id: tenantId,
        course_id: courseId,
        currency: p.currency,
        amount: p.amount,
      })),
    )
    .execute();
}

export function createCourse(scope: CommandScope, input: CreateInput): Promise<Course> {
  return runCommand(scope, 'course.created', async (trx, now) => {
    await findInstructor(trx, scope.tenantId, input.instructorId);
    const row: CourseRow = {
      id: newId('crs', now),
      tenant_id: scope.tenantId,
      instructor_id: input.instructorId,
      ...courseColumns(input),
      status: 'draft',
      status_reason: null,
      cover_image_key: null,
      current_version_id: null,
      rating_sum: 0,
      rating_count: 0,
      enrollment_count: 0,
      published_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('courses').values(row).execute();
    await savePrices(trx, scope.tenantId, row.id, input.prices);
    const course = toCourse(row, input.prices);
    return { result: course, changes: [courseChange(null, course)] };
  });
}

/** The course as it stands, if it is the version the person saw and may still be edited. */
export async function loadForChange(
  trx: Transaction<DB>,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<Course> {
  const current = await findCourse(trx, tenantId, id);
  if (current.version !== expectedVersion) {
    throw new DomainError(
      'CONFLICT',
      'This course was changed by someone else since you opened it. Reload to see their change, then try again.',
    );
  }
  return current;
}

/** Writes the course's columns if it is still at `current`'s version, one version later. */
export async function saveCourse(
  trx: Transaction<DB>,
  tenantId: string,
  current: Course,
  set: Partial<Omit<CourseRow, 'id' | 'tenant_id' | 'version'>>,
): Promise<void> {
  const updated = await trx
    .updateTable('courses')
    .set({ ...set, version: current.version + 1 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new DomainError('CONFLICT', 'This course changed while saving; reload and try again.');
  }
}

export function updateCourse(scope: CommandScope, input: UpdateInput): Promise<Course> {
  return runCommand(scope, 'course.updated', async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, input.id, input.expectedVersion);
    if (current.status === 'in_review' || current.status === 'archived') {
      const why = current.status === 'archived' ? 'is archived' : 'is in review: approve or reject it first';
      throw new DomainError('INVALID_STATE', `This course ${why}`);
    }
    const fields = { ...courseFieldsOf(current), ...input.patch };
    await saveCourse(trx, scope.tenantId, current, { ...courseColumns(fields), updated_at: now });
    if (input.patch.prices !== undefined)
      await savePrices(trx, scope.tenantId, current.id, input.patch.prices);
    const next = await findCourse(trx, scope.tenantId, current.id);
    return { result: next, changes: [courseChange(current, next)] };
  });
}
