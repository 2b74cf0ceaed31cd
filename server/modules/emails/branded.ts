import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { readEmailSettings, type EmailSettings } from './repo/settings';
import { renderDraft, type Brand, type EmailDraft, type RenderedEmail, type WhiteLabel } from './templates';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * An account's published branding as emails sent for that account use it (issue 15,
 * "White-label"): server/modules/branding hands it to whoever queues an email for the account,
 * so this module needs no knowledge of branding's tables. Null fields fall back to the
 * workspace's sender settings.
 */
export interface AccountEmailBranding extends WhiteLabel {
  primary: string;
  senderName: string | null;
  replyTo: string | null;
}

/** The workspace's brand with the account's branding laid over it. */
export function brandWith(settings: Brand, branding: AccountEmailBranding | undefined): Brand {
  if (!branding) return settings;
  const { primary, senderName, replyTo: _replyTo, ...whiteLabel } = branding;
  return {
    ...settings,
    senderName: senderName ?? settings.senderName,
    brandColor: primary,
    whiteLabel,
  };
}

/** Who an email for the account is from and where replies go. */
export function senderWith(settings: EmailSettings, branding: AccountEmailBranding | undefined) {
  return {
    fromName: branding?.senderName ?? settings.senderName,
    fromAddress: settings.fromAddress,
    replyTo: branding?.replyTo ?? settings.replyTo,
  };
}

/**
 * An email as the account would receive it with `branding`, written by the real renderer:
 * the branding editor's preview, shown in the Emails page's sandboxed frame.
 */
export async function previewBrandedEmail(
  db: Db,
  tenantId: string,
  branding: AccountEmailBranding,
  draft: EmailDraft,
): Promise<RenderedEmail & { fromName: string; replyTo: string | null }> {
  const settings = await readEmailSettings(db, tenantId);
  const sender = senderWith(settings, branding);
  return {
    ...renderDraft(brandWith(settings, branding), draft),
    fromName: sender.fromName,
    replyTo: sender.replyTo,
  };
}
