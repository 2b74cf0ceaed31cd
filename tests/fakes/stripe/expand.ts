import { invalidRequest } from './errors';
import type { FormValue } from './form';
import type { FakeStripeStore } from './store';

/**
 * Stripe's `expand[]`: dotted paths (`data.items.data.price.product`) whose id at the end
 * is replaced by the object it names, in a copy of the answer (the stored objects keep ids).
 * Stripe allows at most four levels of expansion.
 */

const MAX_LEVELS = 4;

function lookup(store: FakeStripeStore, id: string): object | undefined {
  const maps: Record<string, ReadonlyMap<string, object>> = {
    prod: store.products,
    price: store.prices,
    in: store.invoices,
    cus: store.customers,
    pm: store.paymentMethods,
    sub: store.subscriptions,
    ch: store.charges,
    pi: store.paymentIntents,
  };
  return maps[id.slice(0, id.indexOf('_'))]?.get(id);
}

function walk(store: FakeStripeStore, node: Record<string, unknown>, path: string[]): void {
  const [key, ...rest] = path;
  if (key === undefined) return;
  const value = node[key];
  const expandOne = (item: unknown): unknown => {
    if (rest.length === 0)
      return typeof item === 'string' ? (structuredClone(lookup(store, item)) ?? item) : item;
    if (item !== null && typeof item === 'object') walk(store, item as Record<string, unknown>, rest);
    return item;
  };
  node[key] = Array.isArray(value) ? value.map(expandOne) : expandOne(value);
}

export function expanded(store: FakeStripeStore, answer: object, expand: FormValue | undefined): object {
  if (expand === undefined) return answer;
  const paths = Array.isArray(expand) ? expand : [expand];
  if (paths.some((path) => typeof path !== 'string')) {
    throw invalidRequest('Invalid array: expand must be a list of strings', { param: 'expand' });
  }
  const copy = structuredClone(answer) as Record<string, unknown>;
  for (const path of paths as string[]) {
    const segments = path.split('.');
    const levels = segments.filter((segment) => segment !== 'data').length;
    if (levels > MAX_LEVELS) {
      throw invalidRequest(`You cannot expand more than ${MAX_LEVELS} levels of a property.`, {
        param: 'expand',
      });
    }
    walk(store, copy, segments);
  }
  return copy;
}
