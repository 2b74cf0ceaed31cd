import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { marketplaceSettingsInput } from '../../../../shared/marketplace/schema';
import { runCommand, type CommandScope } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { DomainError } from '../../../lib/errors';

/**
 * A workspace's marketplace rules: the instructor's default share, the shares per sales channel,
 * the refund window, how long a sale's share is held before it can be paid out, the payout day
 * and the smallest payout per currency. A workspace that never changed them has the defaults
 * (version 0), the same as migration 0036's column defaults.
 */

type Db = Kysely<DB> | Transaction<DB>;
type Input = z.output<typeof marketplaceSettingsInput>;

export interface MarketplaceSettings {
  defaultShareBps: number;
  /** A share per sales channel, in basis points, over the default. */
  channelShares: Record<string, number>;
  refundWindowDays: number;
  holdDays: number;
  payoutDayOfMonth: number;
  /** The smallest balance paid out, per currency, in minor units. */
  minimumPayouts: Record<string, number>;
  /** 0 while the workspace has the defaults. */
  version: number;
  updatedAt: number | null;
}

export const DEFAULT_MARKETPLACE_SETTINGS: MarketplaceSettings = {
  defaultShareBps: 7000,
  channelShares: {},
  refundWindowDays: 30,
  holdDays: 30,
  payoutDayOfMonth: 1,
  minimumPayouts: {},
  version: 0,
  updatedAt: null,
};

/** A JSON map of numbers this module wrote, read back. */
const numbersOf = (text: string) => JSON.parse(text) as Record<string, number>;

export async function marketplaceSettings(db: Db, tenantId: string): Promise<MarketplaceSettings> {
  const row = await db
    .selectFrom('marketplace_settings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!row) return DEFAULT_MARKETPLACE_SETTINGS;
  return {
    defaultShareBps: Number(row.default_share_bps),
    channelShares: numbersOf(row.channel_shares),
    refundWindowDays: Number(row.refund_window_days),
    holdDays: Number(row.hold_days),
    payoutDayOfMonth: Number(row.payout_day_of_month),
    minimumPayouts: numbersOf(row.minimum_payouts),
    version: Number(row.version),
    updatedAt: Number(row.updated_at),
  };
}

export function updateMarketplaceSettings(scope: CommandScope, input: Input): Promise<MarketplaceSettings> {
  return runCommand(scope, 'marketplace_settings.updated', async (trx, now) => {
    const current = await marketplaceSettings(trx, scope.tenantId);
    if (current.version !== input.expectedVersion) {
      throw new DomainError(
        'CONFLICT',
        'The marketplace settings were changed by someone else since you opened them. Reload, then edit again.',
      );
    }
    const next: MarketplaceSettings = {
      ...current,
      ...input.patch,
      version: current.version + 1,
      updatedAt: now,
    };
    const columns = {
      default_share_bps: next.defaultShareBps,
      channel_shares: JSON.stringify(next.channelShares),
      refund_window_days: next.refundWindowDays,
      hold_days: next.holdDays,
      payout_day_of_month: next.payoutDayOfMonth,
      minimum_payouts: JSON.stringify(next.minimumPayouts),
      version: next.version,
      updated_at: now,
    };
    const written =
      current.version === 0
        ? await trx
            .insertInto('marketplace_settings')
            .values({ tenant_id: scope.tenantId, ...columns })
            .onConflict((oc) => oc.column('tenant_id').doNothing())
            .executeTakeFirst()
            .then((r) => Number(r.numInsertedOrUpdatedRows ?? 0))
        : await trx
            .updateTable('marketplace_settings')
            .set(columns)
            .where('tenant_id', '=', scope.tenantId)
            .where('version', '=', current.version)
            .executeTakeFirst()
            .then((r) => Number(r.numUpdatedRows));
    if (written !== 1) {
      throw new DomainError(
        'CONFLICT',
        'The marketplace settings changed while saving; reload and try again.',
      );
    }
    return {
      result: next,
      changes: [
        {
          entityType: 'marketplace_settings',
          entityId: scope.tenantId,
          before: { ...current },
          after: { ...next },
        },
      ],
    };
  });
}
