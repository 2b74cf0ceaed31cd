import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { brandWith, senderWith, type AccountEmailBranding } from './branded';
import type { EmailAttachment } from './repo/attachments';
import type { EmailSecrets } from './repo/secrets';
import { queueEmail } from './repo/outbox';
import { readEmailSettings } from './repo/settings';
import { renderDraft, type EmailDraft } from './templates';

/** Someone of the workspace's own staff an email is for. */
export interface StaffRecipient {
  name: string;
  email: string;
}

export interface StaffNotice {
  tenantId: string;
  /** Names the occasion (e.g. `webhook_disabled:we_…:<time>`): one email per recipient per occasion, however often queued. */
  noticeId: string;
  recipients: readonly StaffRecipient[];
  /** The email for one recipient. */
  draftFor(recipient: StaffRecipient): EmailDraft;
  /** Files sent with each recipient's email (the finance pack's PDF and XLSX). */
  attachments?: readonly EmailAttachment[];
  /** Secrets the email carries (an invitation code): never stored in the outbox row (repo/secrets.ts). */
  secrets?: EmailSecrets;
  /** The account's published branding, for an email sent for an account (its admins, its people). */
  branding?: AccountEmailBranding;
}

/**
 * Queues an email to each of the workspace's staff named, in the caller's transaction and
 * the workspace's branding, through the same outbox (and SMTP, retries, holds) as customer
 * emails. Returns how many were queued (a repeat of the same notice queues none).
 */
export async function queueStaffNotice(
  trx: Transaction<DB>,
  notice: StaffNotice,
  now: number,
): Promise<number> {
  const settings = await readEmailSettings(trx, notice.tenantId);
  let queued = 0;
  for (const recipient of notice.recipients) {
    const draft = notice.draftFor(recipient);
    const fresh = await queueEmail(
      trx,
      {
        tenantId: notice.tenantId,
        customerId: null,
        sourceEventId: `${notice.noticeId}:${recipient.email}`,
        template: draft.template,
        recipient: recipient.email,
        ...senderWith(settings, notice.branding),
        ...renderDraft(brandWith(settings, notice.branding), draft),
        attachments: notice.attachments,
        secrets: notice.secrets,
      },
      now,
    );
    if (fresh) queued++;
  }
  return queued;
}
