import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../shared/ids';
import { PERMISSIONS, type Permission, type TenantRole } from '../../shared/permissions';
import type { Principal } from '../trpc/context';
import type { DB } from '../db/schema';
import { DomainError } from '../lib/errors';
import { keyMemoryFor, noteKeyUse, type KeyUse, type StoredKey } from './api-key-cache';
import { hashOpaqueToken } from './tokens';

/**
 * Service API keys: `tg_key_` + 256 random bits in base64url. Only the SHA-256 is stored
 * (with the first characters, so lists can tell keys apart); the key itself is shown once.
 * A key acts in its tenant with its tenant role narrowed to its scopes, under its own name in
 * the audit trail.
 */

type Db = Kysely<DB> | Transaction<DB>;

export const API_KEY_PREFIX = 'tg_key_';
/** `tg_key_` and 5 characters of the secret: enough to tell keys apart, far too little to guess the rest. */
export const API_KEY_SHOWN_LENGTH = 12;

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
  scopes: readonly Permission[];
  prefix: string;
  createdBy: string | null;
  createdAt: number;
  /** The key itself: show it once, never store or log it. */
  key: string;
}

/** Stores a new key (inside the caller's command transaction) and returns it with its secret. */
export async function createApiKey(
  db: Db,
  input: {
    tenantId: string;
    name: string;
    role: TenantRole;
    /** Already checked against what the creator may grant (the admin module does). */
    scopes: readonly Permission[];
    createdBy: string | null;
    now: number;
  },
): Promise<CreatedApiKey> {
  const scopes = PERMISSIONS.filter((p) => input.scopes.includes(p));
  const minted = mintApiKey();
  const id = newId('apk', input.now);
  await db
    .insertInto('api_keys')
    .values({
      id,
      tenant_id: input.tenantId,
      name: input.name,
      role: input.role,
      scopes: JSON.stringify(scopes),
      prefix: minted.prefix,
      key_hash: minted.hash,
      created_by: input.createdBy,
      created_at: input.now,
      last_used_at: null,
      last_used_address: null,
      revoked_at: null,
    })
    .execute();
  return {
    id,
    tenantId: input.tenantId,
    name: input.name,
    role: input.role,
    scopes,
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

/** Stored scopes, read back: permissions this version no longer knows hold nothing and are dropped. */
export function parseScopes(stored: string): Permission[] {
  const parsed: unknown = JSON.parse(stored);
  if (!Array.isArray(parsed)) return [];
  return PERMISSIONS.filter((p) => parsed.includes(p));
}

async function lookUpKey(db: Kysely<DB>, hash: string, now: number): Promise<StoredKey | undefined> {
  const memory = keyMemoryFor(db);
  const known = memory?.get(hash, now);
  if (known) return known;
  const readAt = memory?.begin() ?? 0;
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'tenant_id', 'name', 'role', 'scopes', 'last_used_at', 'revoked_at'])
    .where('key_hash', '=', hash)
    .executeTakeFirst();
  if (!row) return undefined;
  const key: StoredKey = {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    role: row.role,
    scopes: parseScopes(row.scopes),
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
  memory?.set(hash, key, now, readAt);
  return key;
}

/**
 * The principal an API key acts as, or UNAUTHENTICATED for an unknown or revoked key. Its
 * grants are its tenant role narrowed to its scopes, so every permission check enforces
 * them. The use is recorded (at most once a minute per key) after the answer, never before.
 */
export async function verifyApiKey(
  db: Kysely<DB>,
  key: string,
  now: number,
  use: KeyUse = { address: null },
): Promise<Principal> {
  const stored = await lookUpKey(db, hashOpaqueToken(key), now);
  if (!stored) throw invalidKey();
  if (stored.revokedAt !== null) throw new DomainError('UNAUTHENTICATED', 'This API key was revoked');
  noteKeyUse(db, stored, now, use);
  return {
    userId: stored.id,
    name: stored.name,
    email: '',
    grants: { platformRole: null, tenantRoles: { [stored.tenantId]: stored.role }, scopes: stored.scopes },
    defaultTenantId: stored.tenantId,
    via: { kind: 'apiKey', keyId: stored.id, tenantId: stored.tenantId },
  };
}
