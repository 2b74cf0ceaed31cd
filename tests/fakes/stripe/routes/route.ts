import type { FormObject } from '../form';
import type { FakeStripeStore } from '../store';

export interface RouteContext {
  store: FakeStripeStore;
  /** The parsed form body (POST) or query string (GET). */
  form: FormObject;
  /** `:name` segments of the route's path. */
  pathParams: Record<string, string>;
}

/**
 * One endpoint. `handle` answers with the object for a 200, or throws a FakeStripeError;
 * a 402 card error may change state first (a declined charge is still recorded).
 */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  handle(context: RouteContext): object;
}
