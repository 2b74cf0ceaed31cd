import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { licenseListInput } from '../../../../shared/licensing/queries-schema';
import type { Page } from '../../../../shared/page';
import type { DB } from '../../../db/schema';
import { cappedTotal } from '../../../db/list-totals';
import { decodeCursor } from '../../../lib/keyset-cursor';
import { keysetPage } from '../../../lib/keyset-page';
import type { LicenseStatus } from '../../../db/schema-licensing';

type Input = z.output<typeof licenseListInput>;

/** One row of the Licenses list. */
export interface LicenseListRow {
  id: string;
  name: string;
  keyHint: string;
  status: LicenseStatus;
  customerId: string;
  /** Null on a desktop that does not hold the customer (no customers.read). */
  customerName: string | null;
  policyId: string;
  policyName: string;
  subscriptionId: string | null;
  issuedAt: number;
  expiresAt: number | null;
  machines: number;
  seats: number;
  createdAt: number;
}

/**
 * Where a license that never expires sorts by expiry: after every real time (the year
 * 10000), so "soonest first" ends with them and the keyset compares plain numbers.
 */
const NEVER = 253_402_300_800_000;

const sortValue = (field: Input['sort']['field']) =>
  field === 'createdAt'
    ? sql<number>`licenses.created_at`
    : sql<number>`COALESCE(licenses.expires_at, ${sql.lit(NEVER)})`;

/**
 * The tenant's licenses, a keyset page by (created or expiry, id). Reads only replicated
 * columns (never key_hash or key_sealed), so a desktop answers from its replica; customers
 * are joined loosely, since a desktop with licensing.read alone may not hold them.
 */
export async function listLicenses(
  db: Kysely<DB>,
  tenantId: string,
  input: Input,
): Promise<Page<LicenseListRow>> {
  const { field, direction } = input.sort;
  const key = sortValue(field);
  const filtered = () => {
    let q = db.selectFrom('licenses').where('licenses.tenant_id', '=', tenantId);
    if (input.status) q = q.where('licenses.status', '=', input.status);
    if (input.policyId) q = q.where('licenses.policy_id', '=', input.policyId);
    if (input.customerId) q = q.where('licenses.customer_id', '=', input.customerId);
    if (input.expiringBefore) q = q.where('licenses.expires_at', '<', input.expiringBefore);
    return q;
  };
  let page = filtered().select(['licenses.id', key.as('sort_value')]);
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    const after = sql`(${key}, licenses.id) ${sql.raw(direction === 'desc' ? '<' : '>')} (${Number(cursor.value)}, ${cursor.id})`;
    page = page.where(after.$castTo<boolean>());
  }
  const order = direction === 'desc' ? sql.raw('DESC') : sql.raw('ASC');
  const rows = await db
    .with('page', () =>
      page
        .orderBy(sql`${key} ${order}`)
        .orderBy('licenses.id', direction)
        .limit(input.limit + 1),
    )
    .selectFrom('page')
    .innerJoin('licenses', 'licenses.id', 'page.id')
    .innerJoin('license_policies', 'license_policies.id', 'licenses.policy_id')
    .leftJoin('customers', 'customers.id', 'licenses.customer_id')
    .select((eb) => [
      'page.sort_value',
      'licenses.id',
      'licenses.name',
      'licenses.key_hint',
      'licenses.status',
      'licenses.customer_id',
      'customers.name as customer_name',
      'licenses.policy_id',
      'license_policies.name as policy_name',
      'licenses.subscription_id',
      'licenses.issued_at',
      'licenses.expires_at',
      'licenses.created_at',
      eb
        .selectFrom('license_machines')
        .select((m) => m.fn.countAll<number>().as('n'))
        .whereRef('license_machines.license_id', '=', 'licenses.id')
        .as('machines'),
      eb
        .selectFrom('license_seats')
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('license_seats.license_id', '=', 'licenses.id')
        .as('seats'),
    ])
    .orderBy('page.sort_value', direction)
    .orderBy('page.id', direction)
    .execute();
  const total = input.cursor ? null : await cappedTotal(filtered(), db);
  return keysetPage(rows, input.limit, {
    item: (r) => ({
      id: r.id,
      name: r.name,
      keyHint: r.key_hint,
      status: r.status,
      customerId: r.customer_id,
      customerName: r.customer_name,
      policyId: r.policy_id,
      policyName: r.policy_name,
      subscriptionId: r.subscription_id,
      issuedAt: Number(r.issued_at),
      expiresAt: r.expires_at === null ? null : Number(r.expires_at),
      machines: Number(r.machines ?? 0),
      seats: Number(r.seats ?? 0),
      createdAt: Number(r.created_at),
    }),
    cursorOf: (r) => ({ value: Number(r.sort_value), id: r.id }),
    total,
  });
}
