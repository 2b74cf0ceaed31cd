import type { Transaction } from 'kysely';
import { contrastIssues } from '../../../shared/branding/contrast';
import type { BrandingFields } from '../../../shared/branding/schema';
import { newId } from '../../../shared/ids';
import type { DB } from '../../db/schema';
import { runCommand, type CommandScope, type EntityChange } from '../../commands/run-command';
import { DomainError, notFound } from '../../lib/errors';
import { contentOf, type BrandingContent } from './effective';
import { checkLogo } from './logo';
import {
  contentColumns,
  findVersion,
  nextNumber,
  versionWithStatus,
  type BrandingScope,
  type BrandingVersion,
} from './repo';

/**
 * Draft → publish → restore (docs/licensing.md, "White-label"). A scope has at most one draft,
 * edited in place; publishing it supersedes the published version; restoring copies an earlier
 * version into the draft. Each is audited in the tenant's chain, the logo by type and size only.
 */

export interface BrandingCommandScope extends CommandScope {
  /** The account (null: the workspace's default). Staff's is checked to exist in the tenant. */
  customerId: string | null;
}

const scopeOf = (s: BrandingCommandScope): BrandingScope => ({
  tenantId: s.tenantId,
  customerId: s.customerId,
});

async function checkCustomer(trx: Transaction<DB>, s: BrandingCommandScope): Promise<void> {
  if (s.customerId === null) return;
  const row = await trx
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', s.tenantId)
    .where('id', '=', s.customerId)
    .executeTakeFirst();
  if (!row) throw notFound('Customer');
}

/** What the audit trail and the change log keep of a version: everything but the logo's bytes. */
function audited(v: BrandingVersion | null): Record<string, unknown> | null {
  if (!v) return null;
  const { logo, ...rest } = v;
  const kind = logo?.startsWith('data:image/svg') ? 'svg' : 'png';
  return {
    ...rest,
    logo: logo === null ? null : `${kind}, ${Math.floor((logo.length * 3) / 4)} bytes in base64`,
  };
}

const change = (before: BrandingVersion | null, after: BrandingVersion | null): EntityChange => ({
  entityType: 'branding',
  entityId: (after ?? before)?.id ?? '',
  before: audited(before),
  after: audited(after),
});

/** Writes `content` as the scope's draft: over the draft if there is one, else as a new version. */
async function writeDraft(
  trx: Transaction<DB>,
  s: BrandingCommandScope,
  content: BrandingContent,
  /** The version a restore copies; undefined for an edit, which keeps the draft's own note. */
  restoredFrom: string | undefined,
  now: number,
) {
  const before = await versionWithStatus(trx, scopeOf(s), 'draft');
  const columns = {
    ...contentColumns(content),
    updated_at: now,
    ...(restoredFrom === undefined ? {} : { restored_from: restoredFrom }),
  };
  if (before) {
    await trx.updateTable('branding_versions').set(columns).where('id', '=', before.id).execute();
  } else {
    await trx
      .insertInto('branding_versions')
      .values({
        id: newId('brv', now),
        tenant_id: s.tenantId,
        customer_id: s.customerId,
        number: await nextNumber(trx, scopeOf(s)),
        status: 'draft',
        created_by: s.actor.userId,
        created_at: now,
        published_at: null,
        published_by: null,
        restored_from: null,
        ...columns,
      })
      .execute();
  }
  const after = await versionWithStatus(trx, scopeOf(s), 'draft');
  if (!after) throw new Error('the draft just written is missing');
  return { before, after };
}

/** Saves the draft; the logo is type-checked by its bytes and an SVG sanitized first. */
export function saveBrandingDraft(s: BrandingCommandScope, fields: BrandingFields) {
  return runCommand(s, 'branding.draft_saved', async (trx, now) => {
    await checkCustomer(trx, s);
    const logo = fields.logo === null ? null : checkLogo(fields.logo);
    const { before, after } = await writeDraft(
      trx,
      s,
      { ...fields, logo: logo?.dataUrl ?? null },
      undefined,
      now,
    );
    return {
      result: { draft: after, issues: contrastIssues(after.colors), logoRemoved: logo?.removed ?? [] },
      changes: [change(before, after)],
    };
  });
}

/** Publishes the draft named (refused if it is no longer the draft, or its colours fail AA). */
export function publishBranding(s: BrandingCommandScope, draftId: string) {
  return runCommand(s, 'branding.published', async (trx, now) => {
    await checkCustomer(trx, s);
    const draft = await findVersion(trx, s.tenantId, draftId, s.customerId);
    if (!draft) throw notFound('Branding version');
    if (draft.status !== 'draft') {
      throw new DomainError(
        'CONFLICT',
        'This is no longer the draft (someone published or restored since); reload',
      );
    }
    const issues = contrastIssues(draft.colors);
    if (issues.length > 0) {
      throw new DomainError(
        'INVALID_STATE',
        `Fix the colours first: ${issues.map((i) => i.explanation).join(' ')}`,
        {
          'branding.colors': issues.map((i) => i.explanation),
        },
      );
    }
    const previous = await versionWithStatus(trx, scopeOf(s), 'published');
    if (previous) {
      await trx
        .updateTable('branding_versions')
        .set({ status: 'superseded', updated_at: now })
        .where('id', '=', previous.id)
        .execute();
    }
    await trx
      .updateTable('branding_versions')
      .set({ status: 'published', published_at: now, published_by: s.actor.name, updated_at: now })
      .where('id', '=', draft.id)
      .execute();
    const published = await findVersion(trx, s.tenantId, draft.id);
    if (!published) throw new Error('the version just published is missing');
    const superseded = previous ? await findVersion(trx, s.tenantId, previous.id) : null;
    return {
      result: published,
      changes: [change(draft, published), ...(previous ? [change(previous, superseded)] : [])],
    };
  });
}

/**
 * Copies an earlier version into the draft (a new draft, or over the current one); publishing
 * it then makes it live again. The version must be of the scope the caller may change.
 */
export function restoreBranding(
  s: Omit<BrandingCommandScope, 'customerId'> & { customerId?: string },
  id: string,
) {
  return runCommand(s, 'branding.restored', async (trx, now) => {
    const source = await findVersion(trx, s.tenantId, id, s.customerId);
    if (!source) throw notFound('Branding version');
    if (source.status === 'draft')
      throw new DomainError('INVALID_STATE', 'That version is already the draft');
    const scope = { ...s, customerId: source.customerId };
    const { before, after } = await writeDraft(trx, scope, contentOf(source), source.id, now);
    return {
      result: { draft: after, issues: contrastIssues(after.colors) },
      changes: [change(before, after)],
    };
  });
}
