import {
  CUSTOMER_SORT_FIELDS,
  type CustomerListInput,
  type CustomerSortField,
} from '../../../shared/customers/schema';
import { isCountryCode } from '../../../shared/countries';

export type StatusFilter = 'active' | 'archived' | 'all';

/**
 * The list's view as it lives in the URL (so Back returns to the same search). Every
 * field is optional and a default is left out, which keeps links short; anything a
 * hand-edited URL gets wrong is dropped rather than shown as an error.
 */
export interface CustomersSearch {
  q?: string;
  status?: 'archived' | 'all';
  country?: string;
  sort?: CustomerSortField;
  dir?: 'asc' | 'desc';
}

export const DEFAULT_SORT = { field: 'createdAt', direction: 'desc' } as const;

export function parseCustomersSearch(raw: Record<string, unknown>): CustomersSearch {
  const search: CustomersSearch = {};
  if (typeof raw.q === 'string' && raw.q.trim()) search.q = raw.q.slice(0, 200);
  if (raw.status === 'archived' || raw.status === 'all') search.status = raw.status;
  if (typeof raw.country === 'string' && isCountryCode(raw.country)) search.country = raw.country;
  if ((CUSTOMER_SORT_FIELDS as readonly unknown[]).includes(raw.sort))
    search.sort = raw.sort as CustomerSortField;
  if (raw.dir === 'asc' || raw.dir === 'desc') search.dir = raw.dir;
  return search;
}

/** The list procedure's input for a view, defaults filled in. */
export function listInputFor(search: CustomersSearch): Required<Omit<CustomerListInput, 'cursor' | 'limit'>> {
  return {
    search: search.q ?? '',
    status: search.status ?? 'active',
    country: search.country ?? null,
    sort: {
      field: search.sort ?? DEFAULT_SORT.field,
      direction: search.dir ?? (search.sort ? 'asc' : DEFAULT_SORT.direction),
    },
  };
}
