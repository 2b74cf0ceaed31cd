import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { DEFAULT_BRAND_COLOR } from '../templates';

type Db = Kysely<DB> | Transaction<DB>;

/** A tenant's sender settings; version 0 means nobody has saved any and these are the defaults. */
export interface EmailSettings {
  senderName: string;
  fromAddress: string | null;
  replyTo: string | null;
  brandColor: string;
  footerText: string;
  version: number;
}

function defaults(tenantName: string): EmailSettings {
  return {
    senderName: tenantName,
    fromAddress: null,
    replyTo: null,
    brandColor: DEFAULT_BRAND_COLOR,
    footerText: `You receive this email because you have an account with ${tenantName}.`,
    version: 0,
  };
}

/** The tenant's settings, or the defaults drawn from its name. */
export async function readEmailSettings(db: Db, tenantId: string): Promise<EmailSettings> {
  const row = await db
    .selectFrom('tenants')
    .leftJoin('email_settings', 'email_settings.tenant_id', 'tenants.id')
    .select([
      'tenants.name',
      'email_settings.sender_name',
      'email_settings.from_address',
      'email_settings.reply_to',
      'email_settings.brand_color',
      'email_settings.footer_text',
      'email_settings.version',
    ])
    .where('tenants.id', '=', tenantId)
    .executeTakeFirstOrThrow();
  if (row.version === null) return defaults(row.name);
  return {
    senderName: row.sender_name ?? row.name,
    fromAddress: row.from_address,
    replyTo: row.reply_to,
    brandColor: row.brand_color ?? DEFAULT_BRAND_COLOR,
    footerText: row.footer_text ?? '',
    version: row.version,
  };
}

export async function saveEmailSettings(
  trx: Transaction<DB>,
  tenantId: string,
  settings: Omit<EmailSettings, 'version'>,
  version: number,
  now: number,
): Promise<void> {
  const values = {
    sender_name: settings.senderName,
    from_address: settings.fromAddress,
    reply_to: settings.replyTo,
    brand_color: settings.brandColor,
    footer_text: settings.footerText,
    version,
    updated_at: now,
  };
  await trx
    .insertInto('email_settings')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}
