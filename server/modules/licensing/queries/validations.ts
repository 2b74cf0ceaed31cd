import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { notFound } from '../../../lib/errors';

export interface ValidationEntry {
  validatedAt: number;
  valid: boolean;
  code: string;
  fingerprint: string | null;
  userRef: string | null;
  /** Who asked: 'license-key' or an API key's id. */
  client: string;
  address: string | null;
  /** Identical validations in a row this entry stands for (decision 164), the first at `firstValidatedAt`. */
  repeats: number;
  firstValidatedAt: number;
}

/**
 * A license's validation log, newest first: the ring's slots (bounded per license, rewritten in
 * place by the validation API), so the whole log is one small read and needs no paging.
 */
export async function licenseValidations(
  db: Kysely<DB>,
  tenantId: string,
  licenseId: string,
): Promise<ValidationEntry[]> {
  const license = await db
    .selectFrom('licenses')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', licenseId)
    .executeTakeFirst();
  if (!license) throw notFound('License');
  const rows = await db
    .selectFrom('license_validations')
    .select([
      'validated_at',
      'valid',
      'code',
      'fingerprint',
      'user_ref',
      'client',
      'address',
      'slot',
      'repeats',
      'first_validated_at',
    ])
    .where('tenant_id', '=', tenantId)
    .where('license_id', '=', licenseId)
    .orderBy('validated_at', 'desc')
    .orderBy('slot', 'desc')
    .execute();
  return rows.map((r) => ({
    validatedAt: Number(r.validated_at),
    valid: Number(r.valid) === 1,
    code: r.code,
    fingerprint: r.fingerprint,
    userRef: r.user_ref,
    client: r.client,
    address: r.address,
    repeats: Number(r.repeats),
    firstValidatedAt: Number(r.first_validated_at),
  }));
}
