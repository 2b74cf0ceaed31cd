import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../../../shared/ids';
import {
  generateSigningKey,
  importSigningKey,
  type KeySet,
  type PublicKeyEntry,
  type SigningKey,
} from '../../../../shared/licensing/keys';
import {
  auditChanges,
  runCommand,
  type Actor,
  type CommandScope,
  type EntityChange,
} from '../../../commands/run-command';
import { serializeOn } from '../../../db/locks';
import type { DB } from '../../../db/schema';
import { DomainError, notFound } from '../../../lib/errors';
import { openPrivateKey, sealPrivateKey } from './sealed';

/**
 * A tenant's Ed25519 signing keys (docs/licensing.md, "Keys and rotation"). One is active and
 * signs; it is made the first time the tenant signs anything. Rotating retires it (it still
 * verifies what it signed before `retiredAt`) and makes a new one; removing a key that may have
 * leaked takes it out of the published set, so everything it signed is refused. The private
 * half is sealed at rest and kept only while the key may sign; nothing here returns or audits it.
 */

type Db = Kysely<DB> | Transaction<DB>;
type KeyRow = DB['license_signing_keys'];

/** Who made a key the system made on first need (no person asked for it). */
export const LICENSING_ACTOR: Actor = { userId: null, name: 'Licensing', client: 'system:licensing' };

/** A signing key as staff see it: its public half and its life. */
export interface SigningKeyInfo {
  kid: string;
  /** The 32-byte Ed25519 public key, base64url (the JWK's x). */
  x: string;
  status: KeyRow['status'];
  createdAt: number;
  retiredAt: number | null;
  removedAt: number | null;
}

const PUBLIC_COLUMNS = ['kid', 'public_key', 'status', 'created_at', 'retired_at', 'removed_at'] as const;
type PublicRow = Pick<KeyRow, (typeof PUBLIC_COLUMNS)[number]>;

const toInfo = (row: PublicRow): SigningKeyInfo => ({
  kid: row.kid,
  x: row.public_key,
  status: row.status,
  createdAt: row.created_at,
  retiredAt: row.retired_at,
  removedAt: row.removed_at,
});

const keyChange = (before: SigningKeyInfo | null, after: SigningKeyInfo): EntityChange => ({
  entityType: 'license_signing_key',
  entityId: after.kid,
  before: before && { ...before },
  after: { ...after },
});

/** Imported private keys by kid: importing costs more than signing, and a kid's key never changes. */
const imported = new Map<string, Promise<SigningKey>>();
const MAX_IMPORTED = 64;

function loaded(row: Pick<KeyRow, 'kid' | 'private_key_sealed'>): Promise<SigningKey> {
  let key = imported.get(row.kid);
  if (!key) {
    if (imported.size >= MAX_IMPORTED) imported.clear();
    key = importSigningKey(row.kid, { pkcs8: openPrivateKey(row.kid, row.private_key_sealed) });
    imported.set(row.kid, key);
    key.catch(() => imported.delete(row.kid));
  }
  return key;
}

function activeRow(db: Db, tenantId: string) {
  return db
    .selectFrom('license_signing_keys')
    .select(['kid', 'private_key_sealed'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .orderBy('kid', 'desc')
    .executeTakeFirst();
}

/** Makes a new active key for the tenant; the caller audits it. */
async function insertKey(trx: Transaction<DB>, tenantId: string, now: number) {
  const kid = newId('lsk', now);
  const { signingKey, publicKey, pkcs8 } = await generateSigningKey(kid);
  const row = {
    kid,
    tenant_id: tenantId,
    public_key: publicKey.x,
    private_key_sealed: sealPrivateKey(kid, pkcs8),
    status: 'active' as const,
    created_at: now,
    retired_at: null,
    removed_at: null,
  };
  await trx.insertInto('license_signing_keys').values(row).execute();
  imported.set(kid, Promise.resolve(signingKey));
  return { signingKey, info: toInfo(row) };
}

const inTransaction = <T>(db: Db, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> =>
  db.isTransaction ? work(db as Transaction<DB>) : db.transaction().execute(work);

/**
 * The tenant's active signing key, made (and audited, by the system) on first need. Inside a
 * transaction it is made in it; key creations of one tenant wait for each other, so two first
 * signings make one key.
 */
export async function signingKeyFor(db: Db, tenantId: string, now: number = Date.now()): Promise<SigningKey> {
  const row = await activeRow(db, tenantId);
  if (row) return loaded(row);
  return inTransaction(db, async (trx) => {
    await serializeOn(trx, `license_signing_keys:${tenantId}`);
    const made = await activeRow(trx, tenantId);
    if (made) return loaded(made);
    const { signingKey, info } = await insertKey(trx, tenantId, now);
    await auditChanges(trx, {
      tenantId,
      actor: LICENSING_ACTOR,
      action: 'license_signing_key.created',
      changes: [keyChange(null, info)],
      now,
    });
    return signingKey;
  });
}

/** The tenant's published key set: the active keys and the retired ones with `retiredAt`; never a removed one. */
export async function publishedKeySet(db: Db, tenantId: string): Promise<KeySet> {
  const rows = await db
    .selectFrom('license_signing_keys')
    .select(PUBLIC_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['active', 'retired'])
    .orderBy('created_at', 'desc')
    .orderBy('kid', 'desc')
    .execute();
  const keys = rows.map((row): PublicKeyEntry => {
    const entry = { kid: row.kid, kty: 'OKP' as const, crv: 'Ed25519' as const, x: row.public_key };
    return row.status === 'active'
      ? { ...entry, status: 'active' }
      : { ...entry, status: 'retired', ...(row.retired_at === null ? {} : { retiredAt: row.retired_at }) };
  });
  return { keys };
}

/** Every key of the tenant, newest first, public halves only (removed ones marked so). */
export async function listSigningKeys(db: Db, tenantId: string): Promise<SigningKeyInfo[]> {
  const rows = await db
    .selectFrom('license_signing_keys')
    .select(PUBLIC_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at', 'desc')
    .orderBy('kid', 'desc')
    .execute();
  return rows.map(toInfo);
}

async function keysOf(trx: Transaction<DB>, tenantId: string, status: KeyRow['status']) {
  return trx
    .selectFrom('license_signing_keys')
    .select(PUBLIC_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('status', '=', status)
    .execute();
}

/** A new active key; the one it replaces is retired now and still verifies what it signed before. */
export function rotateSigningKey(
  scope: CommandScope,
): Promise<{ active: SigningKeyInfo; retired: string[] }> {
  return runCommand(scope, 'license_signing_key.rotated', async (trx, now) => {
    await serializeOn(trx, `license_signing_keys:${scope.tenantId}`);
    const retiring = await keysOf(trx, scope.tenantId, 'active');
    await trx
      .updateTable('license_signing_keys')
      .set({ status: 'retired', retired_at: now, private_key_sealed: '' })
      .where('tenant_id', '=', scope.tenantId)
      .where('status', '=', 'active')
      .execute();
    const changes = retiring.map((row) =>
      keyChange(toInfo(row), { ...toInfo(row), status: 'retired', retiredAt: now }),
    );
    const { info } = await insertKey(trx, scope.tenantId, now);
    return {
      result: { active: info, retired: retiring.map((r) => r.kid) },
      changes: [...changes, keyChange(null, info)],
    };
  });
}

/**
 * Takes a key that may have leaked out of the published set: everything it signed is refused
 * from now on (those licenses need new keys and files). Removing the active key means the
 * next signing makes a new one.
 */
export function removeSigningKey(scope: CommandScope, kid: string): Promise<SigningKeyInfo> {
  return runCommand(scope, 'license_signing_key.removed', async (trx, now) => {
    const row = await trx
      .selectFrom('license_signing_keys')
      .select(PUBLIC_COLUMNS)
      .where('tenant_id', '=', scope.tenantId)
      .where('kid', '=', kid)
      .executeTakeFirst();
    if (!row) throw notFound('Signing key');
    if (row.status === 'removed') throw new DomainError('INVALID_STATE', `Key ${kid} was already removed`);
    await trx
      .updateTable('license_signing_keys')
      .set({ status: 'removed', removed_at: now, private_key_sealed: '' })
      .where('kid', '=', kid)
      .execute();
    imported.delete(kid);
    const before = toInfo(row);
    const after: SigningKeyInfo = { ...before, status: 'removed', removedAt: now };
    return { result: after, changes: [keyChange(before, after)] };
  });
}
