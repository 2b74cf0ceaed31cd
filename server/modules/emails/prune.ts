import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * Deletes up to `batch` of a workspace's sent emails created before `cutoff` (their bodies are
 * the bulk of the outbox). Pending, held and failed emails stay: each still needs someone.
 * Returns how many went.
 */
export async function pruneSentEmails(
  db: Kysely<DB>,
  tenantId: string,
  cutoff: number,
  batch: number,
): Promise<number> {
  const deleted = await db
    .deleteFrom('email_outbox')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('email_outbox')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('created_at', '<', cutoff)
        .where('status', '=', 'sent')
        .limit(batch),
    )
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
