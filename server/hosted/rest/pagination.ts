import { z } from 'zod';
import { encodeCursor } from '../../lib/keyset-cursor';

/**
 * Cursor pagination as Stripe's lists have it: `limit` (1–100, default 10) and
 * `starting_after` (the id of the last object of the previous page); the answer is
 * `{object: "list", data, has_more}`. The procedures page by keyset cursors over
 * (created_at, id), newest first; `starting_after` becomes such a cursor from the named
 * object's own creation time, read in the caller's tenant (an id of another tenant names
 * nothing).
 */

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

/**
 * The paging parameters. Built fresh for each procedure: trpc-to-openapi marks the number
 * schemas of a query's input as coercing (query strings are text), in place, so a schema
 * shared with a console procedure would start coercing there too.
 */
export function pageParams(prefix: string) {
  return {
    limit: z
      .number({ error: 'limit must be a number' })
      .int({ error: 'limit must be a whole number' })
      .min(1, { error: 'limit must be at least 1' })
      .max(MAX_LIMIT, { error: `limit must be at most ${MAX_LIMIT}` })
      .default(DEFAULT_LIMIT)
      .meta({ description: `How many objects to return, 1 to ${MAX_LIMIT}` }),
    starting_after: z
      .string()
      .regex(new RegExp(`^${prefix}_[0-9A-Z]{26}$`), {
        error: `starting_after must be an id like ${prefix}_…`,
      })
      .optional()
      .meta({ description: 'The id of the last object of the previous page' }),
  };
}

export function listOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      object: z.literal('list'),
      data: z.array(item),
      has_more: z.boolean().meta({ description: 'Whether another page follows the last object' }),
    })
    .meta({ id });
}

/** A procedure's page (items, and the cursor of the next page or null) as a REST list. */
export function toList<I, T>(
  page: { items: readonly I[]; nextCursor: string | null },
  present: (item: I) => T,
): { object: 'list'; data: T[]; has_more: boolean } {
  return { object: 'list', data: page.items.map(present), has_more: page.nextCursor !== null };
}

/** The keyset cursor that starts after the object created at `createdAt` with id `id`. */
export function cursorAfter(object: { id: string; createdAt: number } | null): string | null {
  return object ? encodeCursor({ value: object.createdAt, id: object.id }) : null;
}
