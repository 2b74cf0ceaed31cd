import type { Kysely } from 'kysely';
import { contrastIssues } from '../../../shared/branding/contrast';
import type { DB } from '../../db/schema';
import { notFound } from '../../lib/errors';
import { previewBrandedEmail } from '../emails';
import {
  asEmailBranding,
  asFileBranding,
  contentOf,
  defaultBranding,
  effectiveBranding,
  type BrandingContent,
  type EffectiveBranding,
} from './effective';
import { versionsOf, versionWithStatus, type BrandingScope } from './repo';

export interface BrandingRequest extends BrandingScope {
  db: Kysely<DB>;
  /** Who is looking: named as the inviter in the sample email. */
  viewerName: string;
  now: number;
}

const SAMPLE_INVITEE = 'ada.lovelace@customer.example';
const DAY_MS = 86_400_000;

async function accountName(r: BrandingRequest): Promise<string | null> {
  if (r.customerId === null) return null;
  const row = await r.db
    .selectFrom('customers')
    .select(['name', 'company'])
    .where('tenant_id', '=', r.tenantId)
    .where('id', '=', r.customerId)
    .executeTakeFirst();
  if (!row) throw notFound('Customer');
  return row.company ?? row.name;
}

/** What a scope shows with nothing of its own published: an account the workspace's, the workspace the defaults. */
async function inheritedBranding(r: BrandingRequest): Promise<EffectiveBranding> {
  if (r.customerId !== null) return effectiveBranding(r.db, r.tenantId, null);
  return { source: 'defaults', versionId: null, branding: await defaultBranding(r.db, r.tenantId) };
}

/** The three previews of a branding: the email by the real renderer, the license file's branding, the header's. */
async function previewsOf(r: BrandingRequest, content: BrandingContent, account: string | null) {
  const email = await previewBrandedEmail(r.db, r.tenantId, asEmailBranding(content), {
    template: 'account_invitation',
    facts: {
      recipientName: SAMPLE_INVITEE,
      accountName: account ?? 'Your company',
      invitedBy: r.viewerName,
      code: 'tga_SAMPLE-CODE-FOR-PREVIEW',
      expiresAt: r.now + 7 * DAY_MS,
    },
  });
  return { email, license: asFileBranding(content) };
}

/**
 * A scope's branding for the editor: its draft and published versions, what applies without its
 * own (the workspace's, or the defaults), what the editor starts from, the contrast check of that,
 * and the previews, which show the draft when there is one (what publishing would put live).
 */
export async function brandingOf(r: BrandingRequest) {
  const [account, draft, published, inherited] = await Promise.all([
    accountName(r),
    versionWithStatus(r.db, r, 'draft'),
    versionWithStatus(r.db, r, 'published'),
    inheritedBranding(r),
  ]);
  const fallback = inherited;
  const editing = draft ? contentOf(draft) : published ? contentOf(published) : fallback.branding;
  const own: EffectiveBranding | null = published && {
    source: r.customerId === null ? 'workspace' : 'account',
    versionId: published.id,
    branding: contentOf(published),
  };
  return {
    customerId: r.customerId,
    accountName: account,
    draft,
    published,
    effective: own ?? fallback,
    inherited: fallback,
    editing,
    issues: contrastIssues(editing.colors),
    preview: await previewsOf(r, editing, account),
  };
}

/** Every version of the scope, newest first, logos left out (the list shows whether there is one). */
export async function brandingVersions(r: BrandingRequest) {
  await accountName(r);
  const versions = await versionsOf(r.db, r);
  return versions.map(({ logo, ...v }) => ({ ...v, hasLogo: logo !== null }));
}
