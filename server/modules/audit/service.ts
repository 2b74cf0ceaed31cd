import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { diffSnapshots, type FieldChange } from './diff';
import { selectEntityHistory } from './repo';

/** One line of an entity's timeline. */
export interface TimelineEntry {
  id: string;
  at: number;
  action: string;
  actorName: string;
  client: string;
  changes: FieldChange[];
}

/** The story of one entity inside a tenant, newest first, built from the audit trail. */
export async function entityTimeline(
  db: Kysely<DB>,
  tenantId: string,
  entityType: string,
  entityId: string,
  limit = 200,
): Promise<TimelineEntry[]> {
  const entries = await selectEntityHistory(db, tenantId, entityType, entityId, limit);
  return entries.map((entry) => ({
    id: entry.id,
    at: entry.at,
    action: entry.action,
    actorName: entry.actorName,
    client: entry.client,
    changes: diffSnapshots(entry.before, entry.after),
  }));
}
