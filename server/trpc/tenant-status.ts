import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * Whether a tenant is suspended, as every tenant procedure asks its members and keys
 * before letting them in — kept for a few seconds per database handle, because a service
 * checking entitlements asks it on every request it serves, and a tenant's status changes
 * rarely. The command that suspends or reactivates a tenant forgets it here as soon as it
 * commits, so this server turns the tenant's members and keys away at once; a server that
 * did not run it (another instance, a desktop replica pulling the change) within
 * TENANT_STATUS_CACHE_MS.
 */

export const TENANT_STATUS_CACHE_MS = 5_000;
const MAX_TENANTS = 10_000;

type Status = DB['tenants']['status'];

class StatusMemory {
  readonly entries = new Map<string, { status: Status | null; expiresAt: number }>();
  /** Bumped by every forget: a read that began before it cannot store what it read. */
  generation = 0;
}

const memories = new WeakMap<Kysely<DB>, StatusMemory>();
const live = new Set<WeakRef<StatusMemory>>();

function memoryFor(db: Kysely<DB>): StatusMemory | undefined {
  // Inside a transaction the answer must be the transaction's own, never kept.
  if (db.isTransaction) return undefined;
  let memory = memories.get(db);
  if (!memory) {
    memory = new StatusMemory();
    memories.set(db, memory);
    live.add(new WeakRef(memory));
  }
  return memory;
}

/** The tenant's status (null when there is no such tenant), read at most every few seconds. */
export async function tenantStatus(db: Kysely<DB>, tenantId: string, now: number): Promise<Status | null> {
  const memory = memoryFor(db);
  const known = memory?.entries.get(tenantId);
  if (known && known.expiresAt > now) return known.status;
  const readAt = memory?.generation ?? 0;
  const row = await db.selectFrom('tenants').select('status').where('id', '=', tenantId).executeTakeFirst();
  const status = row?.status ?? null;
  if (memory && memory.generation === readAt) {
    memory.entries.delete(tenantId);
    memory.entries.set(tenantId, { status, expiresAt: now + TENANT_STATUS_CACHE_MS });
    if (memory.entries.size > MAX_TENANTS) {
      const oldest = memory.entries.keys().next();
      if (!oldest.done) memory.entries.delete(oldest.value);
    }
  }
  return status;
}

/** Forgets a tenant's status everywhere in this process: call after a change to it commits. */
export function forgetTenantStatus(tenantId: string): void {
  for (const ref of live) {
    const memory = ref.deref();
    if (!memory) {
      live.delete(ref);
      continue;
    }
    memory.generation += 1;
    memory.entries.delete(tenantId);
  }
}
