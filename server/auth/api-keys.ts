import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../shared/ids';
import type { TenantRole } from '../../shared/permissions';
import type { Principal } from '../trpc/context';
import type { DB } from '../db/schema';
import { DomainError } from '../lib/errors';
import { hashOpaqueToken } from './tokens';

/**
 * Service API keys: `tg_key_` + 256 random bits in base64url. Only the SHA-256 is stored
 * (with the first characters, so lists can tell keys apart); the key itself is shown once.
 * A key acts in its tenant with its tenant role, under its own name in the audit trail.
 */

type Db = Kysely<DB> | Transaction<DB>;

export const API_KEY_PREFIX = 'tg_key_';
/** `tg_key_` and 5 characters of the secret: enough to tell keys apart, far too little to guess the rest. */
export const API_KEY_SHOWN_LENGTH = 12;
/** last_used_at is written at most this often per key, so busy keys do not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** A new key, its shown prefix and the hash to store. */
export function mintApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_SHOWN_LENGTH), hash: hashOpaqueToken(key) };
}

export interface CreatedApiKey {
  id: string;
  tenantId: string;
  name: string;
  role: TenantRole;
  prefix: string;
  createdBy: string | null;
  createdAt: number;
  /** The key itself: show it once, never store or log it. */
  key: string;
}

/** Stores a new key (inside the caller's command transaction) and returns it with its secret. */
export async function createApiKey(
  db: Db,
  input: { tenantId: string; name: string; role: TenantRole; createdBy: string | null; now: number },
): Promise<CreatedApiKey> {
  const minted = mintApiKey();
  const id = newId('apk', input.now);
  await db
    .insertInto('api_keys')
    .values({
      id,
      tenant_id: input.tenantId,
      name: input.name,
      role: input.role,
      prefix: minted.prefix,
      key_hash: minted.hash,
      created_by: input.createdBy,
      created_at: input.now,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return {
    id,
    tenantId: input.tenantId,
    name: input.name,
    role: input.role,
    prefix: minted.prefix,
    createdBy: input.createdBy,
    createdAt: input.now,
    key: minted.key,
  };
}

/** Revokes a tenant's key (inside the caller's command transaction); its next use is refused. */
export async function revokeApiKey(
  db: Db,
  input: { tenantId: string; id: string; now: number },
): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ revoked_at: input.now })
    .where('id', '=', input.id)
    .where('tenant_id', '=', input.tenantId)
    .execute();
}

const invalidKey = () => new DomainError('UNAUTHENTICATED', 'The API key is not valid');

/** The principal an API key acts as, or UNAUTHENTICATED for an unknown or revoked key. */
export async function verifyApiKey(db: Kysely<DB>, key: string, now: number): Promise<Principal> {
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'tenant_id', 'name', 'role', 'last_used_at', 'revoked_at'])
    .where('key_hash', '=', hashOpaqueToken(key))
    .executeTakeFirst();
  if (!row) throw invalidKey();
  if (row.revoked_at !== null) throw new DomainError('UNAUTHENTICATED', 'This API key was revoked');
  if (row.last_used_at === null || row.last_used_at <= now - LAST_USED_RESOLUTION_MS) {
    await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return {
    userId: row.id,
    name: row.name,
    email: '',
    grants: { platformRole: null, tenantRoles: { [row.tenant_id]: row.role } },
    defaultTenantId: row.tenant_id,
    via: { kind: 'apiKey', keyId: row.id, tenantId: row.tenant_id },
  };
}
