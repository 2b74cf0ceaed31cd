import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** A file sent with an email. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** What the console shows of an attachment: never its bytes. */
export interface AttachmentSummary {
  filename: string;
  contentType: string;
  sizeBytes: number;
}

/** Stores an email's files in order, in the transaction that queued it. */
export async function insertAttachments(
  db: Db,
  tenantId: string,
  emailId: string,
  attachments: readonly EmailAttachment[],
): Promise<void> {
  let position = 0;
  for (const attachment of attachments) {
    await db
      .insertInto('email_attachments')
      .values({
        email_id: emailId,
        position: position++,
        tenant_id: tenantId,
        filename: attachment.filename,
        content_type: attachment.contentType,
        size_bytes: attachment.content.length,
        content: attachment.content,
      })
      .execute();
  }
}

/** An email's files with their bytes, for the mailer. */
export async function attachmentsOf(db: Db, emailId: string): Promise<EmailAttachment[]> {
  const rows = await db
    .selectFrom('email_attachments')
    .select(['filename', 'content_type', 'content'])
    .where('email_id', '=', emailId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    filename: r.filename,
    contentType: r.content_type,
    content: Buffer.from(r.content),
  }));
}

/** An email's files without their bytes, for the console. */
export async function attachmentSummaries(
  db: Db,
  tenantId: string,
  emailId: string,
): Promise<AttachmentSummary[]> {
  const rows = await db
    .selectFrom('email_attachments')
    .select(['filename', 'content_type', 'size_bytes'])
    .where('tenant_id', '=', tenantId)
    .where('email_id', '=', emailId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    filename: r.filename,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
  }));
}
