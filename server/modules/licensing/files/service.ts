import type { Kysely, Transaction } from 'kysely';
import type { Branding, FileContent, FileMachine } from '../../../../shared/licensing/files';
import { issueFile } from '../../../../shared/licensing/files';
import type { DB } from '../../../db/schema';
import { DomainError, notFound } from '../../../lib/errors';
import { signingKeyFor } from '../keys/service';
import { openLicenseKey } from '../keys/sealed';
import { findPolicyRow } from '../policies/service';
import { policyFromRow, type LicenseRow, type MachineRow } from '../rows';
import { findLicenseRow } from '../licenses/row';

/**
 * Offline license files and machine files (docs/licensing.md, "License files"): the license,
 * its policy, entitlements, expiry and the account's branding, signed with the tenant's active
 * key, optionally encrypted with the license's key (and the machine's fingerprint).
 */

type Db = Kysely<DB> | Transaction<DB>;

export interface FileOptions {
  /** Encrypt with the license key, so the file reveals nothing without it. */
  encrypt?: boolean;
  /** The file is good this long after it is issued; null (default): as long as the license. */
  ttlSeconds?: number | null;
  /**
   * The account's published branding (h-brand's `publishedBrandingOf`), signed into the file.
   * Null or absent: the workspace's own name with Tollgate's default colours.
   */
  publishedBranding?: Branding | null;
  now?: number;
}

export interface IssuedFile {
  fileName: string;
  /** The armored text (BEGIN/END TOLLGATE … FILE). */
  text: string;
}

/** Tollgate's own colours, used until an account publishes its branding. */
export const DEFAULT_FILE_COLORS: Branding['colors'] = {
  primary: '#1f6feb',
  accent: '#8250df',
  background: '#ffffff',
  text: '#1f2328',
};

async function brandingOf(
  db: Db,
  tenantId: string,
  published: Branding | null | undefined,
): Promise<Branding> {
  if (published) return published;
  const tenant = await db
    .selectFrom('tenants')
    .select('name')
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return { productName: tenant.name, colors: DEFAULT_FILE_COLORS, logo: null, customDomain: null };
}

/** A file is issued only for a license in force: a suspended or revoked one gets none. */
function assertIssuable(license: LicenseRow): void {
  if (license.status !== 'ACTIVE') {
    throw new DomainError(
      'INVALID_STATE',
      `This license is ${license.status.toLowerCase()}: no file is issued for it`,
    );
  }
}

async function contentOf(
  db: Db,
  license: LicenseRow,
  machine: FileMachine | null,
  options: FileOptions,
  now: number,
): Promise<FileContent> {
  const policy = await findPolicyRow(db, license.tenant_id, license.policy_id);
  const entitlements = new Set([
    ...(JSON.parse(policy.entitlements) as string[]),
    ...(JSON.parse(license.entitlements) as string[]),
  ]);
  return {
    version: 1,
    kind: machine ? 'machine' : 'license',
    issuedAt: now,
    ttlSeconds: options.ttlSeconds ?? null,
    license: {
      id: license.id,
      tenantId: license.tenant_id,
      customerId: license.customer_id,
      name: license.name,
      productId: policy.product_id,
      expiresAt: license.expires_at,
      entitlements: [...entitlements].sort(),
    },
    policy: policyFromRow(policy),
    branding: await brandingOf(db, license.tenant_id, options.publishedBranding),
    machine,
  };
}

async function signed(db: Db, license: LicenseRow, content: FileContent, options: FileOptions, now: number) {
  const key = await signingKeyFor(db, license.tenant_id, now);
  const encryptWith = options.encrypt ? openLicenseKey(license.id, license.key_sealed) : undefined;
  return issueFile(content, key, encryptWith === undefined ? {} : { encryptWith });
}

/** A signed license file for one of the tenant's licenses (active only). */
export async function licenseFileFor(
  db: Db,
  tenantId: string,
  licenseId: string,
  options: FileOptions = {},
): Promise<IssuedFile> {
  const now = options.now ?? Date.now();
  const license = await findLicenseRow(db, tenantId, licenseId);
  assertIssuable(license);
  const content = await contentOf(db, license, null, options, now);
  return { fileName: `${license.id}.lic`, text: await signed(db, license, content, options, now) };
}

/** A signed machine file for one of the tenant's machines, bound to its fingerprint. */
export async function machineFileFor(
  db: Db,
  tenantId: string,
  machineId: string,
  options: FileOptions = {},
): Promise<IssuedFile> {
  const now = options.now ?? Date.now();
  const machine = await db
    .selectFrom('license_machines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', machineId)
    .executeTakeFirst();
  if (!machine) throw notFound('Machine');
  const license = await findLicenseRow(db, tenantId, machine.license_id);
  assertIssuable(license);
  const content = await contentOf(db, license, fileMachine(machine), options, now);
  return { fileName: `${machine.id}.machine.lic`, text: await signed(db, license, content, options, now) };
}

export const fileMachine = (row: MachineRow): FileMachine => ({
  id: row.id,
  fingerprint: row.fingerprint,
  name: row.name ?? '',
  platform: row.platform ?? '',
});
