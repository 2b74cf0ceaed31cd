import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../../../shared/ids';
import type {
  InstructorFields,
  instructorListInput,
  instructorUpdateInput,
} from '../../../../shared/marketplace/schema';
import type { Page } from '../../../../shared/page';
import { runCommand, type CommandScope, type EntityChange } from '../../../commands/run-command';
import { dialectOf } from '../../../db/dialect';
import { cappedTotal } from '../../../db/list-totals';
import type { DB } from '../../../db/schema';
import { decodeCursor } from '../../../lib/keyset-cursor';
import { keysetPage } from '../../../lib/keyset-page';
import { DomainError } from '../../../lib/errors';
import { instructorColumns, instructorFieldsOf, toInstructor, type Instructor } from './row';

/**
 * Instructors (issue 16): who makes the courses and is paid their share. One per email in a
 * workspace; optionally the customer they also are when they buy. Edits carry the version they
 * started from (decision 8).
 */

type Db = Kysely<DB> | Transaction<DB>;
type UpdateInput = z.output<typeof instructorUpdateInput>;
type ListInput = z.output<typeof instructorListInput>;

const ENTITY = 'instructor';
const change = (before: Instructor | null, after: Instructor): EntityChange => ({
  entityType: ENTITY,
  entityId: after.id,
  before: before && { ...before },
  after: { ...after },
});

/** The tenant's instructor, or not found (another tenant's is none of this one's business). */
export async function findInstructor(db: Db, tenantId: string, id: string): Promise<Instructor> {
  const row = await db
    .selectFrom('instructors')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row)
    throw new DomainError('NOT_FOUND', 'Instructor was not found', { instructorId: ['No such instructor'] });
  return toInstructor(row);
}

async function assertEmailFree(trx: Transaction<DB>, tenantId: string, email: string, exceptId?: string) {
  const holder = await trx
    .selectFrom('instructors')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('email', '=', email)
    .executeTakeFirst();
  if (holder && holder.id !== exceptId) {
    throw new DomainError('CONFLICT', `An instructor with the email ${email} already exists`, {
      email: ['Another instructor already uses this email'],
    });
  }
}

async function assertCustomer(trx: Transaction<DB>, tenantId: string, customerId: string | null) {
  if (customerId === null) return;
  const customer = await trx
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer)
    throw new DomainError('NOT_FOUND', 'Customer was not found', { customerId: ['No such customer'] });
}

export function createInstructor(scope: CommandScope, fields: InstructorFields): Promise<Instructor> {
  return runCommand(scope, 'instructor.created', async (trx, now) => {
    await assertEmailFree(trx, scope.tenantId, fields.email);
    await assertCustomer(trx, scope.tenantId, fields.customerId);
    const row = {
      id: newId('ins', now),
      tenant_id: scope.tenantId,
      ...instructorColumns(fields),
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('instructors').values(row).execute();
    const instructor = toInstructor(row);
    return { result: instructor, changes: [change(null, instructor)] };
  });
}

export function updateInstructor(scope: CommandScope, input: UpdateInput): Promise<Instructor> {
  return runCommand(scope, 'instructor.updated', async (trx, now) => {
    const current = await findInstructor(trx, scope.tenantId, input.id);
    if (current.version !== input.expectedVersion) {
      throw new DomainError(
        'CONFLICT',
        'This instructor was changed by someone else since you opened them. Reload to see their change, then edit again.',
      );
    }
    const fields = { ...instructorFieldsOf(current), ...input.patch };
    if (input.patch.email !== undefined) await assertEmailFree(trx, scope.tenantId, fields.email, current.id);
    if (input.patch.customerId !== undefined) await assertCustomer(trx, scope.tenantId, fields.customerId);
    const updated = await trx
      .updateTable('instructors')
      .set({ ...instructorColumns(fields), version: current.version + 1, updated_at: now })
      .where('tenant_id', '=', scope.tenantId)
      .where('id', '=', current.id)
      .where('version', '=', current.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new DomainError('CONFLICT', 'This instructor changed while saving; reload and try again.');
    }
    const next = await findInstructor(trx, scope.tenantId, current.id);
    return { result: next, changes: [change(current, next)] };
  });
}

/** A LIKE pattern for text containing `search` (wildcards escaped), lower-cased. */
const containing = (search: string) => `%${search.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The tenant's instructors by name, a keyset page; `search` finds a part of the name or email. */
export async function listInstructors(
  db: Kysely<DB>,
  tenantId: string,
  input: ListInput,
): Promise<Page<Instructor>> {
  let filtered = db.selectFrom('instructors').where('tenant_id', '=', tenantId);
  if (input.search) {
    const pattern = containing(input.search);
    filtered = filtered.where(
      dialectOf(db) === 'sqlite'
        ? sql<boolean>`(name LIKE ${pattern} ESCAPE '\\' OR email LIKE ${pattern} ESCAPE '\\')`
        : sql<boolean>`(lower(name) LIKE ${pattern} ESCAPE '\\' OR lower(email::text) LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  let query = filtered.selectAll();
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    query = query.where(sql<boolean>`(name, id) > (${String(cursor.value)}, ${cursor.id})`);
  }
  const rows = await query
    .orderBy('name')
    .orderBy('id')
    .limit(input.limit + 1)
    .execute();
  return keysetPage(rows, input.limit, {
    item: toInstructor,
    cursorOf: (row) => ({ value: row.name, id: row.id }),
    total: input.cursor ? null : await cappedTotal(filtered, db),
  });
}
