import { z } from 'zod';

/**
 * One page of a list: what every list procedure returns. Lists page by keys (the sort
 * column and the id), never by offset, so a page deep in a long list costs what the first
 * does. To read on, pass `nextCursor` back as the input's `cursor`; null means this page
 * is the last. The cursor is opaque: made by the server, valid for the same list and
 * filters only.
 *
 * The REST API (`/api/v1`) shows the same page as Stripe does: `data` for `items`,
 * `has_more` for `nextCursor !== null`, and the last item's id as `starting_after`.
 */
export interface Page<T> {
  items: T[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
  /** How many rows match the filters: with the first page only, null on later pages and on lists that are not counted. */
  total: number | null;
  /** True when `total` is a cap (a broad search stops counting): there are at least that many. */
  totalCapped: boolean;
}

/** A page's zod schema, for procedures that declare their output (the REST API documents it). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int().nonnegative().nullable(),
    totalCapped: z.boolean(),
  });
}

/**
 * The two fields every list's input has: where to start (the `nextCursor` of the page
 * before) and how many rows at most. Spread into the list's own input object.
 */
export function pageInput(limits: { max: number; default: number }) {
  return {
    cursor: z.string({ error: 'The cursor is text, as the page before gave it' }).max(1000).nullish(),
    limit: z.number().int().min(1).max(limits.max).default(limits.default),
  };
}
