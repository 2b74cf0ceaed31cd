import { customerRef } from '../../../shared/billing/schema';
import {
  LICENSE_SORT_FIELDS,
  LICENSE_STATUSES,
  licensePolicyRef,
  type LicenseListInput,
  type LicenseSortField,
  type LicenseStatus,
} from '../../../shared/licensing/queries-schema';

/**
 * The Licenses list's view as it lives in the URL. Every field is optional and a default is
 * left out; whatever a hand-edited URL gets wrong is dropped rather than shown as an error.
 */
export interface LicensesSearch {
  status?: LicenseStatus;
  policy?: string;
  customer?: string;
  /** Expiring within this many days from now. */
  within?: number;
  sort?: LicenseSortField;
  dir?: 'asc' | 'desc';
}

/** The "expiring within" choices, in days. */
export const EXPIRY_WINDOWS = [7, 30, 90] as const;

export const DEFAULT_SORT = { field: 'createdAt', direction: 'desc' } as const;

export function parseLicensesSearch(raw: Record<string, unknown>): LicensesSearch {
  const search: LicensesSearch = {};
  if ((LICENSE_STATUSES as readonly unknown[]).includes(raw.status))
    search.status = raw.status as LicenseStatus;
  if (licensePolicyRef.safeParse(raw.policy).success) search.policy = raw.policy as string;
  if (customerRef.safeParse(raw.customer).success) search.customer = raw.customer as string;
  if ((EXPIRY_WINDOWS as readonly unknown[]).includes(raw.within)) search.within = raw.within as number;
  if ((LICENSE_SORT_FIELDS as readonly unknown[]).includes(raw.sort))
    search.sort = raw.sort as LicenseSortField;
  if (raw.dir === 'asc' || raw.dir === 'desc') search.dir = raw.dir;
  return search;
}

const DAY_MS = 86_400_000;

/**
 * The list procedure's input for a view. `now` is rounded down to the day by the caller, so
 * the query key (and the page) stays the same while the page is open.
 */
export function licenseListInput(
  search: LicensesSearch,
  today: number,
): Required<Omit<LicenseListInput, 'cursor' | 'limit'>> {
  return {
    status: search.status ?? null,
    policyId: search.policy ?? null,
    customerId: search.customer ?? null,
    expiringBefore: search.within ? today + (search.within + 1) * DAY_MS : null,
    sort: {
      field: search.sort ?? DEFAULT_SORT.field,
      direction: search.dir ?? (search.sort === 'expiresAt' ? 'asc' : DEFAULT_SORT.direction),
    },
  };
}

/** The start of today (UTC), the base of "expiring within". */
export const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
