import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { customerContact, invoiceSummary, paymentCard, subscriptionSummary } from './repo/facts';
import type { EmailDraft } from './templates';

type Trx = Transaction<DB>;

/** A billing event as the dispatcher reads it. */
export interface BillingEvent {
  id: string;
  tenantId: string;
  type: string;
  customerId: string | null;
  subjectId: string;
  data: unknown;
  occurredAt: number;
}

/**
 * The parts of each event's `data` emails rely on (the contract in billing's
 * repo/events.ts). Fields a producer may not send yet have safe defaults.
 */
const DATA = {
  'invoice.paid': z.object({ paymentId: z.string().nullish(), recovered: z.boolean().default(false) }),
  'invoice.payment_failed': z.object({
    nextAttemptAt: z.number().nullish(),
    hardDecline: z.boolean().default(false),
  }),
  'invoice.recovered': z.object({ amount: z.number().int(), currency: z.string() }),
  'invoice.final_notice': z.object({
    amount: z.number().int(),
    currency: z.string(),
    nextAttemptAt: z.number().nullish(),
    finalAction: z.string(),
  }),
  'subscription.trial_will_end': z.object({ trialEnd: z.number() }),
  'subscription.canceled': z.object({ reason: z.string().default('') }),
};
type HandledType = keyof typeof DATA;

/** The billing event types that send an email. */
export const EMAILED_EVENT_TYPES = Object.keys(DATA) as HandledType[];

export class EventContractError extends Error {
  override readonly name = 'EventContractError';
}

function parse<T extends HandledType>(type: T, event: BillingEvent): z.output<(typeof DATA)[T]> {
  const parsed = DATA[type].safeParse(event.data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(data)').join(', ');
    throw new EventContractError(`${type} ${event.id}: data does not match the contract (${fields})`);
  }
  return parsed.data as z.output<(typeof DATA)[T]>;
}

type Customer = NonNullable<Awaited<ReturnType<typeof customerContact>>>;

async function invoiceDraft(trx: Trx, event: BillingEvent, customer: Customer): Promise<EmailDraft | null> {
  const invoice = await invoiceSummary(trx, event.tenantId, event.subjectId);
  if (!invoice?.number) return null;
  const base = { customerName: customer.name, invoiceNumber: invoice.number, currency: invoice.currency };
  switch (event.type as HandledType) {
    case 'invoice.paid': {
      const data = parse('invoice.paid', event);
      // A recovery sends its own email; credit covering the whole invoice moves no money.
      if (data.recovered || invoice.amount_paid <= 0) return null;
      const card = data.paymentId ? await paymentCard(trx, event.tenantId, data.paymentId) : null;
      return {
        template: 'receipt',
        facts: {
          ...base,
          amountPaid: invoice.amount_paid,
          paidAt: invoice.paid_at ?? event.occurredAt,
          lines: invoice.lines,
          card,
        },
      };
    }
    case 'invoice.payment_failed': {
      const data = parse('invoice.payment_failed', event);
      return {
        template: 'payment_failed',
        facts: {
          ...base,
          amountDue: invoice.amount_due - invoice.amount_paid,
          nextAttemptAt: data.nextAttemptAt ?? null,
          hardDecline: data.hardDecline,
        },
      };
    }
    case 'invoice.recovered': {
      const data = parse('invoice.recovered', event);
      return {
        template: 'payment_recovered',
        facts: { ...base, amount: data.amount, currency: data.currency },
      };
    }
    case 'invoice.final_notice': {
      const data = parse('invoice.final_notice', event);
      return {
        template: 'final_notice',
        facts: {
          ...base,
          amount: data.amount,
          currency: data.currency,
          lastAttemptAt: data.nextAttemptAt ?? null,
          finalAction: data.finalAction === 'cancel' ? 'cancel' : 'mark_unpaid',
        },
      };
    }
    default:
      return null;
  }
}

async function subscriptionDraft(
  trx: Trx,
  event: BillingEvent,
  customer: Customer,
): Promise<EmailDraft | null> {
  const s = await subscriptionSummary(trx, event.tenantId, event.subjectId);
  if (!s) return null;
  if (event.type === 'subscription.trial_will_end') {
    const data = parse('subscription.trial_will_end', event);
    return {
      template: 'trial_ending',
      facts: {
        customerName: customer.name,
        planName: s.plan_name,
        trialEnd: data.trialEnd,
        price: { amount: s.amount, currency: s.currency, interval: s.interval, quantity: s.quantity },
        hasPaymentMethod: (s.payment_method_id ?? customer.default_payment_method_id) !== null,
      },
    };
  }
  const data = parse('subscription.canceled', event);
  return {
    template: 'subscription_canceled',
    facts: {
      customerName: customer.name,
      planName: s.plan_name,
      endedAt: event.occurredAt,
      reason: data.reason,
    },
  };
}

/** Stripe Billing emails the customers of the subscriptions it manages; a second email would be a double. */
const managedByStripe = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && (data as { managedBy?: unknown }).managedBy === 'stripe';

/**
 * The email a billing event calls for, with its recipient, or null when it calls for none.
 * Throws EventContractError when the event's data breaks the contract.
 */
export async function draftFor(
  trx: Trx,
  event: BillingEvent,
): Promise<{ draft: EmailDraft; recipient: string } | null> {
  if (!(event.type in DATA) || !event.customerId || managedByStripe(event.data)) return null;
  const customer = await customerContact(trx, event.tenantId, event.customerId);
  if (!customer) return null;
  const draft = event.type.startsWith('invoice.')
    ? await invoiceDraft(trx, event, customer)
    : await subscriptionDraft(trx, event, customer);
  return draft ? { draft, recipient: customer.email } : null;
}
