import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { BugIndicatingError } from '../../lib/errors';
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

/**
 * Where the workspace's own billing emails (receipts, invoices, dunning) find its published
 * branding: server/modules/branding answers, connected where the modules are put together
 * (server/app/router.ts), since branding is built on this module. Undefined while the
 * workspace has published none: its sender settings apply unchanged.
 */
export type WorkspaceBrandingPort = (db: Db, tenantId: string) => Promise<AccountEmailBranding | undefined>;

let workspaceBranding: WorkspaceBrandingPort | null = null;

export function connectWorkspaceBranding(port: WorkspaceBrandingPort): void {
  workspaceBranding = port;
}

/** The workspace's published branding for its billing emails (fails loudly if never connected). */
export function workspaceBrandingOf(db: Db, tenantId: string): Promise<AccountEmailBranding | undefined> {
  if (!workspaceBranding)
    throw new BugIndicatingError('emails: the workspace branding port is not connected');
  return workspaceBranding(db, tenantId);
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
