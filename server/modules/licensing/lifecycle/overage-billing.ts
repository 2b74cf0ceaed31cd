import type { Transaction } from 'kysely';
import type { UsageLimit } from '../../../../shared/licensing/policy';
import { insertAuditEntry } from '../../../commands/audit-entries';
import type { DB } from '../../../db/schema';
import type { NewLine, RenewalInvoice } from '../../billing';
import { overageLines, type OverageLine, type OverageSkip } from './overage';
import { LICENSING_ACTOR } from './subscription-hook';

type Trx = Transaction<DB>;

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

async function licensesBilledWith(trx: Trx, tenantId: string, invoice: RenewalInvoice) {
  return (
    trx
      .selectFrom('licenses')
      .innerJoin('license_policies as p', 'p.id', 'licenses.policy_id')
      .select(['licenses.id', 'licenses.name', 'licenses.issued_at', 'p.usage_limits'])
      .where('licenses.tenant_id', '=', tenantId)
      .where('licenses.subscription_id', '=', invoice.subscriptionId)
      // A license follows only its own customer's subscription (as follow.ts does).
      .where('licenses.customer_id', '=', invoice.customerId)
      .orderBy('licenses.id')
      .execute()
  );
}

/** Usage not billed in full yet (a total at or under its limit is skipped by overageLines). */
async function unbilledTotals(trx: Trx, tenantId: string, licenseIds: readonly string[]) {
  const rows = await trx
    .selectFrom('license_usage')
    .select(['license_id', 'metric', 'period', 'quantity', 'billed_quantity'])
    .where('tenant_id', '=', tenantId)
    .where('license_id', 'in', licenseIds)
    .whereRef('quantity', '>', 'billed_quantity')
    .orderBy('license_id')
    .orderBy('metric')
    .orderBy('period')
    .execute();
  return rows.map((r) => ({
    licenseId: r.license_id,
    metric: r.metric,
    period: r.period,
    quantity: r.quantity,
    billedQuantity: r.billed_quantity,
  }));
}

async function audit(
  trx: Trx,
  tenantId: string,
  action: string,
  entity: OverageLine | OverageSkip,
  now: number,
) {
  await insertAuditEntry(trx, {
    tenantId,
    actorId: LICENSING_ACTOR.userId,
    actorName: LICENSING_ACTOR.name,
    client: LICENSING_ACTOR.client,
    action,
    entityType: 'license_usage',
    entityId: `${entity.licenseId}|${entity.metric}|${entity.period}`,
    before: null,
    after: { ...entity },
    at: now,
  });
}

/**
 * Billing's port, in the transaction that issues a subscription's renewal invoice: each license
 * of the subscription's usage over a BILL limit in a closed period becomes a line of that invoice,
 * and its `billed_quantity` moves in the same transaction, so a period is never billed twice (a
 * second run finds nothing over what is billed). Usage in another currency is audited, not billed.
 */
export async function renewalLines(trx: Trx, tenantId: string, invoice: RenewalInvoice): Promise<NewLine[]> {
  const licenses = await licensesBilledWith(trx, tenantId, invoice);
  if (licenses.length === 0) return [];
  const byId = new Map(licenses.map((l) => [l.id, l]));
  const totals = await unbilledTotals(trx, tenantId, [...byId.keys()]);
  if (totals.length === 0) return [];
  const { lines, skipped } = overageLines({
    totals,
    limitsOf: (id) => JSON.parse(byId.get(id)?.usage_limits ?? '[]') as UsageLimit[],
    issuedAtOf: (id) => byId.get(id)?.issued_at ?? 0,
    closed: invoice.closed,
    currency: invoice.currency,
  });
  for (const line of lines) {
    await trx
      .updateTable('license_usage')
      .set({ billed_quantity: line.billedQuantity, updated_at: invoice.now })
      .where('license_id', '=', line.licenseId)
      .where('metric', '=', line.metric)
      .where('period', '=', line.period)
      .execute();
    await audit(trx, tenantId, 'license.overage_billed', line, invoice.now);
  }
  for (const skip of skipped) await audit(trx, tenantId, 'license.overage_not_billed', skip, invoice.now);
  return lines.map((line) => ({
    kind: 'one_off',
    description: `${line.metric} over the limit of ${byId.get(line.licenseId)?.name ?? line.licenseId}: ${line.units} (${day(line.span.start)} – ${day(line.span.end)})`,
    priceId: null,
    quantity: line.units,
    unitAmount: line.unitPrice,
    amount: line.amount,
    periodStart: line.span.start,
    periodEnd: line.span.end,
  }));
}
