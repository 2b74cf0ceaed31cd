import type { z } from 'zod';
import type { manualInvoiceInput } from '../../../shared/billing/schema';
import { money, multiply } from '../../../shared/money';
import { runCommand } from '../../commands/run-command';
import { DomainError, notFound } from '../../lib/errors';
import { collectInvoice, type CollectionResult } from './collection';
import { assertCustomerCurrency } from './customer-currency';
import { loadCustomer, loadInvoiceForStaff, scopeFor, subscriptionsChanged, type StaffRequest } from './deps';
import { createDraft, finalize } from './invoicing';
import { recordEvent } from './repo/events';
import { findInvoice, updateInvoice } from './repo/invoices';
import { recovery } from './recovery-port';
import type { Invoice } from './types';

/** Tries to collect an open invoice now; a decline is an error staff see with the gateway's reason. */
export async function payInvoiceNow(request: StaffRequest, id: string): Promise<CollectionResult> {
  const { invoice, customer, scope } = await loadInvoiceForStaff(request, id);
  if (invoice.status !== 'open')
    throw new DomainError('INVALID_STATE', `Only an open invoice can be paid; this one is ${invoice.status}`);
  const result = await collectInvoice(request.deps, scope, id);
  subscriptionsChanged(request.tenantId, customer.id);
  switch (result.outcome) {
    case 'no_payment_method':
      throw new DomainError('INVALID_STATE', 'This customer has no payment method to charge; add one first');
    case 'failed':
    case 'requires_action':
      throw new DomainError('PAYMENT_DECLINED', result.payment.failureMessage ?? 'The payment was declined');
    case 'in_progress':
      throw new DomainError(
        'CONFLICT',
        'A payment for this invoice is already under way; wait for its result before trying again',
      );
    case 'gateway_unavailable':
      throw new DomainError('RATE_LIMITED', `${result.message}. The payment will be retried automatically.`);
    default:
      return result;
  }
}

/** Closes an open invoice without collecting it: void (a mistake) or uncollectible (given up). */
export async function closeInvoice(
  request: StaffRequest,
  id: string,
  as: 'void' | 'uncollectible',
): Promise<Invoice> {
  const { scope } = await loadInvoiceForStaff(request, id);
  return runCommand(
    scope,
    as === 'void' ? 'invoice.voided' : 'invoice.marked_uncollectible',
    async (trx, now) => {
      const before = await findInvoice(trx, scope.tenantId, id);
      if (!before) throw notFound('Invoice');
      const allowed =
        as === 'void' ? before.status === 'open' && before.amountPaid === 0 : before.status === 'open';
      if (!allowed) {
        const why = before.amountPaid > 0 ? 'it is partly paid' : `it is ${before.status}`;
        throw new DomainError(
          'INVALID_STATE',
          `Cannot ${as === 'void' ? 'void' : 'mark uncollectible'} this invoice: ${why}`,
        );
      }
      await updateInvoice(
        trx,
        scope.tenantId,
        id,
        as === 'void'
          ? { status: 'void', voidedAt: now, nextAttemptAt: null }
          : { status: 'uncollectible', uncollectibleAt: now, nextAttemptAt: null },
        now,
      );
      await recordEvent(
        trx,
        scope.tenantId,
        {
          type: as === 'void' ? 'invoice.voided' : 'invoice.marked_uncollectible',
          customerId: before.customerId,
          subjectId: id,
          data: { number: before.number, byRecovery: false },
        },
        now,
      );
      const after = await findInvoice(trx, scope.tenantId, id);
      return {
        result: after ?? before,
        changes: [
          { entityType: 'invoice', entityId: id, before: { ...before }, after: { ...(after ?? before) } },
          // Staff closed it: recovery stops trying, and its pending retries are dropped.
          ...(await recovery().afterInvoiceClosedByStaff(trx, scope.tenantId, id, now)),
        ],
      };
    },
  );
}

/**
 * Credit lines reduce what the customer pays, as a refund gives money back: only those who
 * may refund may grant them. Others still bill any price they choose, with no credit line.
 */
function assertMayCredit(input: z.output<typeof manualInvoiceInput>, mayCredit: boolean): void {
  const credits = input.lines.flatMap((line, index) => (line.unitAmount < 0 ? [index] : []));
  if (credits.length === 0 || mayCredit) return;
  throw new DomainError(
    'FORBIDDEN',
    'Credit lines give money back, like a refund: your role does not allow payments.refund',
    Object.fromEntries(
      credits.map((index) => [`lines.${index}.unitAmount`, ['A credit needs the refund permission']]),
    ),
  );
}

/**
 * A one-off invoice (setup fee, a course bundle…): drafted with its lines and finalized. The
 * input's schema keeps it Stripe-shaped (credits never more than the charges, the total
 * within one payment); here, only refunders may credit, and the customer's currency holds.
 * It is open for "Pay now", or paid at once when their credit balance covers it (or it is 0).
 */
export async function createManualInvoice(
  request: StaffRequest & { mayCredit: boolean },
  input: z.output<typeof manualInvoiceInput>,
): Promise<Invoice> {
  assertMayCredit(input, request.mayCredit);
  const customer = await loadCustomer(request.deps, request.tenantId, input.customerId);
  const scope = await scopeFor(request, customer);
  return runCommand(scope, 'invoice.created', async (trx, now) => {
    await assertCustomerCurrency(
      trx,
      scope.tenantId,
      customer.id,
      input.currency,
      'currency',
      (inUse) => `Bill this customer in ${inUse}`,
    );
    const id = await createDraft(
      trx,
      scope.tenantId,
      {
        customerId: customer.id,
        subscriptionId: null,
        billingReason: 'manual',
        currency: input.currency,
        periodStart: null,
        periodEnd: null,
      },
      input.lines.map((line) => ({
        kind: line.unitAmount < 0 ? 'credit' : 'one_off',
        description: line.description,
        priceId: null,
        quantity: line.quantity,
        unitAmount: line.unitAmount,
        amount: multiply(money(line.unitAmount, input.currency), line.quantity).amount,
        periodStart: null,
        periodEnd: null,
      })),
      now,
    );
    const { invoice, change } = await finalize(trx, scope.tenantId, id, now);
    return { result: invoice, changes: [change] };
  });
}
