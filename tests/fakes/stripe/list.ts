import { invalidRequest, resourceMissing } from './errors';
import type { FormObject, FormValue } from './form';

/**
 * Stripe's list endpoints: newest first, `limit` 1..100 (default 10), a cursor
 * (`starting_after` for the next page, `ending_before` for the previous one), and
 * `created` as an exact time or a range (`created[gte]=...`).
 */

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

interface Listed {
  id: string;
  created: number;
}

const RANGE_KEYS = ['gt', 'gte', 'lt', 'lte'] as const;

function createdFilter(value: FormValue | undefined): (created: number) => boolean {
  if (value === undefined) return () => true;
  const asInteger = (raw: FormValue, param: string): number => {
    if (typeof raw !== 'string' || !/^\d+$/.test(raw)) {
      throw invalidRequest(`Invalid integer: ${JSON.stringify(raw)}`, {
        code: 'parameter_invalid_integer',
        param,
      });
    }
    return Number(raw);
  };
  if (typeof value === 'string') {
    const exact = asInteger(value, 'created');
    return (created) => created === exact;
  }
  if (Array.isArray(value))
    throw invalidRequest('Invalid created: an integer or a range', { param: 'created' });
  const bounds: Partial<Record<(typeof RANGE_KEYS)[number], number>> = {};
  for (const [key, raw] of Object.entries(value)) {
    const known = RANGE_KEYS.find((name) => name === key);
    if (!known)
      throw invalidRequest(`Received unknown parameter: created[${key}]`, { param: `created[${key}]` });
    bounds[known] = asInteger(raw, `created[${key}]`);
  }
  return (created) =>
    (bounds.gt === undefined || created > bounds.gt) &&
    (bounds.gte === undefined || created >= bounds.gte) &&
    (bounds.lt === undefined || created < bounds.lt) &&
    (bounds.lte === undefined || created <= bounds.lte);
}

function limitOf(form: FormObject): number {
  const raw = form.limit;
  if (raw === undefined) return 10;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100) {
    throw invalidRequest('Invalid limit: must be an integer between 1 and 100', { param: 'limit' });
  }
  return Number(raw);
}

function cursor(form: FormObject, name: 'starting_after' | 'ending_before'): string | undefined {
  const value = form[name];
  if (value !== undefined && typeof value !== 'string')
    throw invalidRequest(`Invalid string: ${name}`, { param: name });
  return value || undefined;
}

/** Newest first; objects created in the same second keep the reverse of the order they were made in. */
export function newestFirst<T extends Listed>(objects: Iterable<T>): T[] {
  return [...objects].reverse().sort((a, b) => b.created - a.created);
}

/**
 * One page of `objects` (any order) that pass `matches` (the endpoint's own filters) and
 * the `created` range. A cursor may name an object the filters leave out, as on Stripe;
 * `noun` words the 404 for a cursor that names nothing.
 */
export function listPage<T extends Listed>(
  objects: Iterable<T>,
  form: FormObject,
  options: { url: string; noun: string; matches?: (object: T) => boolean },
): StripeList<T> {
  const limit = limitOf(form);
  const after = cursor(form, 'starting_after');
  const before = cursor(form, 'ending_before');
  if (after && before) {
    throw invalidRequest('You may only specify one of these parameters: starting_after, ending_before.', {
      param: 'ending_before',
    });
  }
  const inRange = createdFilter(form.created);
  const wanted = (object: T) => inRange(object.created) && (options.matches?.(object) ?? true);
  const ordered = newestFirst(objects);
  const positionOf = (id: string, param: string) => {
    const index = ordered.findIndex((object) => object.id === id);
    if (index === -1) throw resourceMissing(options.noun, id, param);
    return index;
  };
  const page = (data: T[], has_more: boolean): StripeList<T> => ({
    object: 'list',
    data,
    has_more,
    url: options.url,
  });
  if (before) {
    const newer = ordered.slice(0, positionOf(before, 'ending_before')).filter(wanted);
    return page(newer.slice(-limit), newer.length > limit);
  }
  const older = ordered.slice(after ? positionOf(after, 'starting_after') + 1 : 0).filter(wanted);
  return page(older.slice(0, limit), older.length > limit);
}
