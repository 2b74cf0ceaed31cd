import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { insertAuditEntry } from '../commands/audit-entries';
import { accountKey } from './sign-in-guard';

/**
 * Sign-ins and failed sign-ins go into the platform's audit chain (''), which no tenant
 * replicates: who signed in, or which email was tried, from which address and client.
 * Only attempts whose password was checked are recorded: throttled ones are refused before
 * that, so a flood writes at most as many entries as the limits let through.
 */

const MAX_EMAIL = 120;

export interface SignInRecord {
  account: { id: string; name: string } | null;
  email: string;
  succeeded: boolean;
  address: string | null;
  client: string;
  now: number;
}

export async function auditSignIn(db: Kysely<DB>, record: SignInRecord): Promise<void> {
  // The attempted email as the limits count it, cut short: a typed value, never trusted to be small.
  const email = accountKey(record.email).slice(0, MAX_EMAIL);
  await db.transaction().execute((trx) =>
    insertAuditEntry(trx, {
      tenantId: null,
      actorId: record.succeeded ? (record.account?.id ?? null) : null,
      actorName: record.succeeded ? (record.account?.name ?? email) : email,
      client: record.client,
      action: record.succeeded ? 'user.signed_in' : 'user.sign_in_failed',
      entityType: record.account ? 'user' : 'email',
      entityId: record.account?.id ?? email,
      before: null,
      after: { email, address: record.address ?? 'unknown' },
      at: record.now,
    }),
  );
}
