import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../../shared/ids';
import type { DB } from '../../db/schema';

/**
 * Account admins' bindings (decision 145): a user administering one customer's account of a
 * tenant. Kept out of `memberships`, so no staff role, members list or replica rule sees one.
 */

type Db = Kysely<DB> | Transaction<DB>;

export interface AccountMember {
  id: string;
  tenantId: string;
  customerId: string;
  userId: string;
  name: string;
  email: string;
  createdBy: string | null;
  createdAt: number;
}

export async function insertAccountMember(
  db: Db,
  input: { tenantId: string; customerId: string; userId: string; createdBy: string | null; now: number },
): Promise<string> {
  const id = newId('acm', input.now);
  await db
    .insertInto('account_members')
    .values({
      id,
      tenant_id: input.tenantId,
      customer_id: input.customerId,
      user_id: input.userId,
      created_by: input.createdBy,
      created_at: input.now,
    })
    .execute();
  return id;
}

export async function deleteAccountMember(db: Db, id: string): Promise<void> {
  await db.deleteFrom('account_members').where('id', '=', id).execute();
}

function members(db: Db, tenantId: string) {
  return db
    .selectFrom('account_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'm.id',
      'm.tenant_id as tenantId',
      'm.customer_id as customerId',
      'm.user_id as userId',
      'u.name',
      'u.email',
      'm.created_by as createdBy',
      'm.created_at as createdAt',
    ])
    .where('m.tenant_id', '=', tenantId);
}

/** The admins of one customer's account, oldest first. */
export function accountMembersOf(db: Db, tenantId: string, customerId: string): Promise<AccountMember[]> {
  return members(db, tenantId)
    .where('m.customer_id', '=', customerId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

/** The user's account binding in a tenant (whichever customer), if any. */
export function accountMemberOfUser(
  db: Db,
  tenantId: string,
  userId: string,
): Promise<AccountMember | undefined> {
  return members(db, tenantId).where('m.user_id', '=', userId).executeTakeFirst();
}

/** Per tenant, the customer whose account the user administers. */
export async function selectAccounts(db: Db, userId: string): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('account_members')
    .select(['tenant_id', 'customer_id'])
    .where('user_id', '=', userId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.tenant_id, r.customer_id]));
}
