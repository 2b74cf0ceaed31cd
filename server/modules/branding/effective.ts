import type { Kysely, Transaction } from 'kysely';
import type { BrandColors } from '../../../shared/branding/contrast';
import type { Branding } from '../../../shared/licensing/files';
import type { DB } from '../../db/schema';
import { notFound } from '../../lib/errors';
import { readEmailSettings, type AccountEmailBranding } from '../emails';
import { versionWithStatus, type BrandingVersion } from './repo';

type Db = Kysely<DB> | Transaction<DB>;

/** What a branding says, whichever version (or the defaults) it comes from. */
export interface BrandingContent {
  productName: string;
  logo: string | null;
  colors: BrandColors;
  customDomain: string | null;
  senderName: string | null;
  replyTo: string | null;
}

export type BrandingSource = 'account' | 'workspace' | 'defaults';

export interface EffectiveBranding {
  source: BrandingSource;
  /** The published version in force, null for the defaults. */
  versionId: string | null;
  branding: BrandingContent;
}

export const contentOf = (v: BrandingVersion): BrandingContent => ({
  productName: v.productName,
  logo: v.logo,
  colors: v.colors,
  customDomain: v.customDomain,
  senderName: v.senderName,
  replyTo: v.replyTo,
});

/**
 * The defaults build on the workspace's existing sender settings (the Emails page's, also under
 * branding.write): its name, its brand colour and its reply-to, so a workspace that never opens
 * the Branding page looks as its emails always did.
 */
export async function defaultBranding(db: Db, tenantId: string): Promise<BrandingContent> {
  const tenant = await db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) throw notFound('Workspace');
  const settings = await readEmailSettings(db, tenantId);
  return {
    productName: tenant.name,
    logo: null,
    colors: {
      primary: settings.brandColor.toLowerCase(),
      accent: '#1864ab',
      background: '#ffffff',
      text: '#1a1a1a',
    },
    customDomain: null,
    senderName: settings.senderName,
    replyTo: settings.replyTo,
  };
}

/** The account's published branding, else the workspace's published, else the defaults. */
export async function effectiveBranding(
  db: Db,
  tenantId: string,
  customerId: string | null,
): Promise<EffectiveBranding> {
  if (customerId !== null) {
    const own = await versionWithStatus(db, { tenantId, customerId }, 'published');
    if (own) return { source: 'account', versionId: own.id, branding: contentOf(own) };
  }
  const workspace = await versionWithStatus(db, { tenantId, customerId: null }, 'published');
  if (workspace) return { source: 'workspace', versionId: workspace.id, branding: contentOf(workspace) };
  return { source: 'defaults', versionId: null, branding: await defaultBranding(db, tenantId) };
}

/** A branding as a license file carries it (shared/licensing/files.ts). */
export function asFileBranding(content: BrandingContent): Branding {
  return {
    productName: content.productName,
    colors: { ...content.colors },
    logo: content.logo === null ? null : { dataUrl: content.logo },
    customDomain: content.customDomain,
  };
}

/** A branding as emails sent for the account show it (server/modules/emails/branded.ts). */
export function asEmailBranding(content: BrandingContent): AccountEmailBranding {
  return {
    productName: content.productName,
    logo: content.logo,
    primary: content.colors.primary,
    background: content.colors.background,
    text: content.colors.text,
    customDomain: content.customDomain,
    senderName: content.senderName,
    replyTo: content.replyTo,
  };
}

/**
 * The published branding signed into an account's license files: the account's, else the
 * workspace's, else the defaults (never a draft).
 */
export async function publishedBrandingOf(
  db: Db,
  tenantId: string,
  customerId: string | null,
): Promise<Branding> {
  return asFileBranding((await effectiveBranding(db, tenantId, customerId)).branding);
}

/**
 * The branding for an email sent for an account: its published one (or the workspace's),
 * undefined when neither is published, so the workspace's sender settings apply unchanged.
 */
export async function accountEmailBranding(
  db: Db,
  tenantId: string,
  customerId: string,
): Promise<AccountEmailBranding | undefined> {
  const effective = await effectiveBranding(db, tenantId, customerId);
  return effective.source === 'defaults' ? undefined : asEmailBranding(effective.branding);
}

/**
 * The workspace's published branding for its own billing emails (receipts, invoices, dunning),
 * undefined while it has published none: its sender settings then apply unchanged.
 */
export async function workspaceEmailBranding(
  db: Db,
  tenantId: string,
): Promise<AccountEmailBranding | undefined> {
  const effective = await effectiveBranding(db, tenantId, null);
  return effective.source === 'defaults' ? undefined : asEmailBranding(effective.branding);
}
