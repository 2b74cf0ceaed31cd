import { invalidRequest, resourceMissing } from '../errors';
import { Params } from '../form';
import { listPage } from '../list';
import type { Route } from './route';

const LIST_PARAMS = ['limit', 'starting_after', 'ending_before', 'created', 'type', 'types'];

/** Stripe's `type` filter: an exact name, or a group with `*` standing for one or more segments' text. */
function typeMatcher(params: Params): (type: string) => boolean {
  const type = params.string('type');
  const types = params.stringArray('types');
  if (type !== undefined && types !== undefined) {
    throw invalidRequest('You may pass either type or types, but not both.', { param: 'types' });
  }
  if (types !== undefined) return (candidate) => types.includes(candidate);
  if (type === undefined) return () => true;
  const escaped = type.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  const pattern = new RegExp(`^${escaped}$`);
  return (candidate) => pattern.test(candidate);
}

export const eventRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/events',
    handle({ store, form }) {
      const params = new Params(form, LIST_PARAMS);
      const typeMatches = typeMatcher(params);
      return listPage(store.events, form, {
        url: '/v1/events',
        noun: 'event',
        matches: (event) => typeMatches(event.type),
      });
    },
  },
  {
    method: 'GET',
    path: '/v1/events/:id',
    handle({ store, pathParams }) {
      const id = pathParams.id ?? '';
      const event = store.events.find((candidate) => candidate.id === id);
      if (!event) throw resourceMissing('event', id, 'id');
      return event;
    },
  },
];
