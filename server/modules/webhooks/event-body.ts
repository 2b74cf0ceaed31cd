import type { StoredEvent } from './stored-event';

/**
 * The JSON body of an event, exactly as every attempt (and a replay) sends it and the log
 * shows it: built from the stored row the same way each time, so its signature is over the
 * same bytes a receiver reads.
 */
export function eventBody(event: StoredEvent): string {
  return JSON.stringify({
    id: event.id,
    object: 'event',
    type: event.type,
    created: event.createdAt,
    object_id: event.objectId,
    sequence: event.sequence,
    data: JSON.parse(event.data) as unknown,
  });
}
