import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { DomainError } from '../lib/errors';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword, type ScryptParams } from './passwords';

/**
 * Password sign-in with lockout. Each attempt is counted BEFORE the password is checked
 * (one atomic UPDATE), so a burst of parallel guesses cannot all slip in under the limit
 * while scrypt runs; a right password then clears the count.
 */

type Db = Kysely<DB> | Transaction<DB>;

export const LOCKOUT = { maxFailures: 5, lockMs: 15 * 60_000 } as const;

export const WRONG_CREDENTIALS = 'Email or password is wrong';

const wrong = () => new DomainError('UNAUTHENTICATED', WRONG_CREDENTIALS);

/** HH:MM in UTC: the server cannot know the reader's time zone, so it says which one it uses. */
function clockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

export function lockedOut(until: number): DomainError {
  return new DomainError('RATE_LIMITED', `Too many failed sign-ins; try again after ${clockTime(until)}`);
}

/**
 * Stores a password hash made beforehand (scrypt takes ~0.1 s: never inside a
 * transaction, which would hold the database's one writer that long).
 */
export async function storePasswordHash(
  db: Db,
  input: { userId: string; passwordHash: string; now: number },
): Promise<void> {
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

/**
 * Counts one attempt. Returns false when the account is locked (the attempt is not
 * counted). A lock that has run out starts the count again from this attempt.
 */
async function countAttempt(db: Db, userId: string, now: number): Promise<{ locked: boolean }> {
  const attempts = sql<number>`CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END`;
  const row = await db
    .updateTable('user_credentials')
    .set({
      failed_attempts: attempts,
      locked_until: sql<
        number | null
      >`CASE WHEN ${attempts} >= ${LOCKOUT.maxFailures} THEN ${now + LOCKOUT.lockMs} ELSE NULL END`,
    })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('user_id')
    .executeTakeFirst();
  return { locked: row === undefined };
}

async function lockedUntil(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('user_credentials')
    .select('locked_until')
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.locked_until ?? 0;
}

/**
 * Checks an email and password; returns the user's id. Unknown email and wrong password
 * get the same error; a locked account gets RATE_LIMITED naming when to try again.
 * Rehashes the password when it was stored with weaker parameters than today's.
 */
export async function checkPassword(
  db: Kysely<DB>,
  input: { email: string; password: string; now: number; scrypt?: ScryptParams },
): Promise<{ userId: string }> {
  const params = input.scrypt ?? DEFAULT_SCRYPT;
  const account = await db
    .selectFrom('users as u')
    .innerJoin('user_credentials as c', 'c.user_id', 'u.id')
    .select(['u.id', 'c.password_hash'])
    .where('u.email', '=', input.email.trim())
    .executeTakeFirst();
  if (!account) {
    await verifyPassword(input.password, await decoyHash(params));
    throw wrong();
  }
  if ((await countAttempt(db, account.id, input.now)).locked) {
    throw lockedOut(await lockedUntil(db, account.id));
  }
  if (!(await verifyPassword(input.password, account.password_hash))) {
    const until = await lockedUntil(db, account.id);
    if (until > input.now) throw lockedOut(until);
    throw wrong();
  }
  await db
    .updateTable('user_credentials')
    .set({ failed_attempts: 0, locked_until: null })
    .where('user_id', '=', account.id)
    .execute();
  if (needsRehash(account.password_hash, params)) {
    const rehashed = await hashPassword(input.password, params);
    await db
      .updateTable('user_credentials')
      .set({ password_hash: rehashed })
      .where('user_id', '=', account.id)
      .execute();
  }
  return { userId: account.id };
}
