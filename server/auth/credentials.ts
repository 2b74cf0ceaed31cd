import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { DomainError } from '../lib/errors';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword, type ScryptParams } from './passwords';

/**
 * Passwords: storing their hashes and checking them. Throttling who may check how often
 * is the sign-in guard's (sign-in-guard.ts); nothing here refuses the account's owner.
 */

type Db = Kysely<DB> | Transaction<DB>;

export const WRONG_CREDENTIALS = 'Email or password is wrong';

export const wrongCredentials = () => new DomainError('UNAUTHENTICATED', WRONG_CREDENTIALS);

/**
 * Stores a password hash made beforehand (scrypt takes ~0.1 s: never inside a
 * transaction, which would hold the database's one writer that long).
 */
export async function storePasswordHash(
  db: Db,
  input: { userId: string; passwordHash: string; now: number },
): Promise<void> {
  // failed_attempts and locked_until (0009) belong to the lockout this replaced; kept at rest.
  const values = {
    password_hash: input.passwordHash,
    failed_attempts: 0,
    locked_until: null,
    password_changed_at: input.now,
  };
  await db
    .insertInto('user_credentials')
    .values({ user_id: input.userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

/** Sets (or replaces) a user's password. */
export async function setPassword(
  db: Db,
  input: { userId: string; password: string; now: number; scrypt?: ScryptParams },
): Promise<void> {
  const passwordHash = await hashPassword(input.password, input.scrypt ?? DEFAULT_SCRYPT);
  await storePasswordHash(db, { userId: input.userId, passwordHash, now: input.now });
}

// Unknown emails cost the same scrypt as known ones, so timing does not tell which emails exist.
const decoys = new Map<string, Promise<string>>();
function decoyHash(params: ScryptParams): Promise<string> {
  const key = `${params.logN}.${params.r}.${params.p}`;
  let hash = decoys.get(key);
  if (!hash) decoys.set(key, (hash = hashPassword('decoy password never matches', params)));
  return hash;
}

/** The account an email names, and whether the password is its password. */
export interface PasswordCheck {
  account: { id: string; name: string } | null;
  matched: boolean;
}

/**
 * Checks an email and password. An unknown email costs the same scrypt as a known one
 * (a decoy hash), so timing does not tell which emails exist. Rehashes the password when it
 * was stored with weaker parameters than today's.
 */
export async function checkPassword(
  db: Kysely<DB>,
  input: { email: string; password: string; scrypt?: ScryptParams },
): Promise<PasswordCheck> {
  const params = input.scrypt ?? DEFAULT_SCRYPT;
  const account = await db
    .selectFrom('users as u')
    .innerJoin('user_credentials as c', 'c.user_id', 'u.id')
    .select(['u.id', 'u.name', 'c.password_hash'])
    .where('u.email', '=', input.email.trim())
    .executeTakeFirst();
  if (!account) {
    await verifyPassword(input.password, await decoyHash(params));
    return { account: null, matched: false };
  }
  const found = { id: account.id, name: account.name };
  if (!(await verifyPassword(input.password, account.password_hash)))
    return { account: found, matched: false };
  if (needsRehash(account.password_hash, params)) {
    const rehashed = await hashPassword(input.password, params);
    await db
      .updateTable('user_credentials')
      .set({ password_hash: rehashed })
      .where('user_id', '=', account.id)
      .execute();
  }
  return { account: found, matched: true };
}
