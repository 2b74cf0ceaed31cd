import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Secrets an email carries (an invitation code). The outbox row, replicated to desktops and
 * shown on the Emails page, holds `secretMarker(name)` where each goes; the values wait in
 * `email_secrets` (never replicated) and are put in only by the sender, then deleted once the
 * email is sent (migration 0030).
 */
export type EmailSecrets = Readonly<Record<string, string>>;

/** What the stored email (and anyone reading it in the console) shows in a secret's place. */
export function secretMarker(name: string): string {
  return `«${name}, sent to the recipient only»`;
}

/** The email's text with each secret put where its marker is. */
export function fillSecrets(text: string, secrets: EmailSecrets): string {
  let filled = text;
  for (const [name, value] of Object.entries(secrets)) filled = filled.split(secretMarker(name)).join(value);
  return filled;
}

export async function insertSecrets(db: Db, tenantId: string, emailId: string, secrets: EmailSecrets) {
  await db
    .insertInto('email_secrets')
    .values({ email_id: emailId, tenant_id: tenantId, secrets: JSON.stringify(secrets) })
    .execute();
}

/** The email's secrets, or none. */
export async function secretsOf(db: Db, emailId: string): Promise<EmailSecrets> {
  const row = await db
    .selectFrom('email_secrets')
    .select('secrets')
    .where('email_id', '=', emailId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.secrets) as EmailSecrets) : {};
}

/** After sending: the secret has reached its recipient and is kept nowhere else. */
export async function deleteSecrets(db: Db, emailId: string): Promise<void> {
  await db.deleteFrom('email_secrets').where('email_id', '=', emailId).execute();
}
