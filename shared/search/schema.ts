import { z } from 'zod';

/** The command palette's search: one box for ids, numbers, emails, names and a card's last four. */
export const searchFindInput = z.strictObject({
  query: z
    .string({ error: 'Query must be text' })
    .trim()
    .max(200, { error: 'Query must be at most 200 characters' }),
  /** How many of each kind at most. */
  limit: z
    .number({ error: 'Limit must be a number' })
    .int({ error: 'Limit must be a whole number' })
    .min(1, { error: 'Limit must be at least 1' })
    .max(20, { error: 'Limit must be at most 20' })
    .default(5),
});
export type SearchFindInput = z.input<typeof searchFindInput>;

export const SEARCH_KINDS = ['customer', 'invoice', 'subscription', 'payment', 'email'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** What the query matched on, so the palette can say why a row is there. */
export type SearchMatch = 'id' | 'reference' | 'number' | 'email' | 'name' | 'card';

/** Where a hit opens: each kind on its own page, a payment on its invoice's. */
export interface SearchTarget {
  area: 'customers' | 'invoices' | 'subscriptions' | 'emails';
  id: string;
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** The name, number or subject people know the object by. */
  title: string;
  /** The customer it belongs to (or, for a customer, their email). */
  detail: string;
  status: string;
  /** Money is formatted by the console, in its currency. */
  amount: number | null;
  currency: string | null;
  matched: SearchMatch;
  open: SearchTarget;
}
