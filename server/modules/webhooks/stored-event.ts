/** What `eventBody` needs of an event row. */
export interface StoredEvent {
  id: string;
  type: string;
  objectId: string;
  sequence: number;
  data: string;
  createdAt: number;
}

export const eventOf = (row: {
  event_id: string;
  type: string;
  object_id: string;
  object_seq: number;
  data: string;
  event_created_at: number;
}): StoredEvent => ({
  id: row.event_id,
  type: row.type,
  objectId: row.object_id,
  sequence: row.object_seq,
  data: row.data,
  createdAt: row.event_created_at,
});
