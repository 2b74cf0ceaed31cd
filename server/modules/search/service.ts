import type { Kysely } from 'kysely';
import type { Permission } from '../../../shared/permissions';
import type { SearchHit, SearchKind } from '../../../shared/search/schema';
import type { DB } from '../../db/schema';
import { searchKeys } from './keys';
import { findCustomers, findEmails, findInvoices, findPayments, findSubscriptions } from './repo';

/** Each kind is searched only for those who may read it, as its own list procedure demands. */
const KINDS: { kind: SearchKind; permission: Permission; find: typeof findCustomers }[] = [
  { kind: 'invoice', permission: 'billing.read', find: findInvoices },
  { kind: 'customer', permission: 'customers.read', find: findCustomers },
  { kind: 'subscription', permission: 'billing.read', find: findSubscriptions },
  { kind: 'payment', permission: 'billing.read', find: findPayments },
  { kind: 'email', permission: 'billing.read', find: findEmails },
];

export interface SearchScope {
  db: Kysely<DB>;
  tenantId: string;
  /** Whether the caller holds a permission in this tenant. */
  may: (permission: Permission) => boolean;
}

/**
 * Everything in the caller's tenant that the query names, at most `limit` of each kind.
 * Exact keys (an id, a number) come before partial ones, so the first hit is the one meant.
 */
export async function searchEverything(
  scope: SearchScope,
  input: { query: string; limit: number },
): Promise<{ hits: SearchHit[] }> {
  if (!input.query) return { hits: [] };
  const keys = searchKeys(input.query);
  const hits: SearchHit[] = [];
  for (const { permission, find } of KINDS) {
    if (!scope.may(permission)) continue;
    hits.push(...(await find({ db: scope.db, tenantId: scope.tenantId, limit: input.limit }, keys)));
  }
  const exact = (hit: SearchHit) => (hit.matched === 'id' || hit.matched === 'reference' ? 0 : 1);
  return { hits: hits.sort((a, b) => exact(a) - exact(b)) };
}
