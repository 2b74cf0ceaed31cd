import { diffSnapshots, type FieldChange } from '../audit';

/** What a timeline line says happened; the console words each kind (renderer/features/customers/timeline-text.ts). */
export type TimelineKind =
  | 'customer.created'
  | 'customer.updated'
  | 'customer.archived'
  | 'customer.unarchived'
  | 'subscription.created'
  | 'subscription.trial_started'
  | 'subscription.activated'
  | 'subscription.plan_changed'
  | 'subscription.change_scheduled'
  | 'subscription.cancel_scheduled'
  | 'subscription.cancel_undone'
  | 'subscription.past_due'
  | 'subscription.paused'
  | 'subscription.resumed'
  | 'subscription.ended'
  | 'invoice.issued'
  | 'invoice.paid'
  | 'invoice.voided'
  | 'invoice.uncollectible'
  | 'payment.succeeded'
  | 'payment.failed'
  | 'refund.succeeded'
  | 'refund.failed'
  | 'card.added'
  | 'card.removed'
  | 'card.default'
  | 'card.expiring'
  | 'recovery.started'
  | 'recovery.retry_failed'
  | 'recovery.recovered'
  | 'recovery.ended'
  | 'dispute.opened'
  | 'dispute.closed'
  | 'email.sent'
  | 'email.held'
  | 'email.failed'
  | 'email.queued';

/** The page a line opens. Payments, refunds, recoveries and disputes live on their invoice's page. */
export type TimelineLink = { to: 'invoice' | 'subscription' | 'email'; id: string } | null;

export type DetailValue = string | number | boolean | null;

/** One line of the timeline: when, what, by whom, with which amount, and where it leads. */
export interface TimelineEntry {
  id: string;
  at: number;
  kind: TimelineKind;
  /** Who made it happen, when a person or a named system did (emails and card expiry have none). */
  actorName: string | null;
  money: { amount: number; currency: string } | null;
  /** Kind-specific facts: numbers, plan names, card digits, failure messages, dates (ms). */
  detail: Record<string, DetailValue>;
  /** For customer.updated: each field that changed. */
  changes: FieldChange[];
  link: TimelineLink;
}

/** An audit entry as the interpreter reads it (snapshots already parsed). */
export interface SnapshotEntry {
  id: string;
  at: number;
  actorName: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

type Snap = Record<string, unknown>;
type Fact = Omit<TimelineEntry, 'id' | 'at' | 'actorName'>;

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const changed = (b: Snap | null, a: Snap, field: string) => (b?.[field] ?? null) !== (a[field] ?? null);
const became = (b: Snap | null, a: Snap, field: string, value: unknown) =>
  a[field] === value && (b === null || b[field] !== value);

function fact(
  kind: TimelineKind,
  link: TimelineLink,
  detail: Fact['detail'] = {},
  money: Fact['money'] = null,
): Fact {
  return { kind, link, detail, money, changes: [] };
}

function moneyOf(s: Snap, field: string): Fact['money'] {
  const amount = num(s[field]);
  const currency = str(s.currency);
  return amount === null || currency === null ? null : { amount, currency };
}

function customerFacts(b: Snap | null, a: Snap): Fact[] {
  if (b === null) return [fact('customer.created', null)];
  if (became(b, a, 'status', 'archived')) return [fact('customer.archived', null)];
  if (b.status === 'archived' && a.status === 'active') return [fact('customer.unarchived', null)];
  const changes = diffSnapshots(b, a).filter((c) => c.field !== 'status' && c.field !== 'archivedAt');
  return changes.length ? [{ ...fact('customer.updated', null), changes }] : [];
}

function subscriptionFacts(b: Snap | null, a: Snap): Fact[] {
  const link: TimelineLink = { to: 'subscription', id: String(a.id) };
  const plan = { planId: str(a.planId), priceId: str(a.priceId), quantity: num(a.quantity) };
  if (b === null) {
    const trial = a.status === 'trialing';
    return [
      fact(trial ? 'subscription.trial_started' : 'subscription.created', link, {
        ...plan,
        trialEnd: num(a.trialEnd),
      }),
    ];
  }
  const facts: Fact[] = [];
  if (changed(b, a, 'priceId') || changed(b, a, 'quantity')) {
    facts.push(
      fact('subscription.plan_changed', link, {
        fromPlanId: str(b.planId),
        toPlanId: str(a.planId),
        fromPriceId: str(b.priceId),
        toPriceId: str(a.priceId),
        fromQuantity: num(b.quantity),
        toQuantity: num(a.quantity),
      }),
    );
  }
  if (a.pendingPriceId !== null && a.pendingPriceId !== undefined && changed(b, a, 'pendingPriceId')) {
    facts.push(
      fact('subscription.change_scheduled', link, {
        fromPlanId: str(a.planId),
        toPriceId: str(a.pendingPriceId),
        toQuantity: num(a.pendingQuantity),
        at: num(a.currentPeriodEnd),
      }),
    );
  }
  if (became(b, a, 'cancelAtPeriodEnd', true))
    facts.push(fact('subscription.cancel_scheduled', link, { at: num(a.currentPeriodEnd) }));
  if (b.cancelAtPeriodEnd === true && a.cancelAtPeriodEnd === false && a.status !== 'canceled')
    facts.push(fact('subscription.cancel_undone', link));
  if (b.status === 'trialing' && a.status === 'active')
    facts.push(fact('subscription.activated', link, { fromTrial: true }));
  else if (b.status === 'incomplete' && a.status === 'active')
    facts.push(fact('subscription.activated', link, { fromTrial: false }));
  if (became(b, a, 'status', 'past_due')) facts.push(fact('subscription.past_due', link));
  if (a.pausedAt && !b.pausedAt) facts.push(fact('subscription.paused', link));
  if (b.pausedAt && !a.pausedAt && a.status !== 'canceled') facts.push(fact('subscription.resumed', link));
  if (became(b, a, 'status', 'canceled') || became(b, a, 'status', 'incomplete_expired'))
    facts.push(fact('subscription.ended', link, { status: str(a.status) }));
  return facts;
}

function invoiceFacts(b: Snap | null, a: Snap): Fact[] {
  const link: TimelineLink = { to: 'invoice', id: String(a.id) };
  const detail = { number: str(a.number) };
  const facts: Fact[] = [];
  const issued = a.status !== 'draft' && (b === null || b.status === 'draft');
  if (issued) facts.push(fact('invoice.issued', link, detail, moneyOf(a, 'total')));
  if (became(b, a, 'status', 'paid'))
    facts.push(fact('invoice.paid', link, detail, moneyOf(a, 'amountPaid')));
  if (became(b, a, 'status', 'void')) facts.push(fact('invoice.voided', link, detail, moneyOf(a, 'total')));
  if (became(b, a, 'status', 'uncollectible'))
    facts.push(fact('invoice.uncollectible', link, detail, moneyOf(a, 'amountDue')));
  return facts;
}

function paymentFacts(b: Snap | null, a: Snap): Fact[] {
  const link: TimelineLink = str(a.invoiceId) ? { to: 'invoice', id: String(a.invoiceId) } : null;
  if (became(b, a, 'status', 'succeeded')) return [fact('payment.succeeded', link, {}, moneyOf(a, 'amount'))];
  if (became(b, a, 'status', 'failed')) {
    const detail = { failureCode: str(a.failureCode), failureMessage: str(a.failureMessage) };
    return [fact('payment.failed', link, detail, moneyOf(a, 'amount'))];
  }
  return [];
}

function refundFacts(b: Snap | null, a: Snap, paymentAmounts: ReadonlyMap<string, number>): Fact[] {
  const link: TimelineLink = str(a.invoiceId) ? { to: 'invoice', id: String(a.invoiceId) } : null;
  const paid = paymentAmounts.get(String(a.paymentId));
  if (became(b, a, 'status', 'succeeded')) {
    const full = paid !== undefined && num(a.amount) === paid;
    return [
      fact(
        'refund.succeeded',
        link,
        { full, paymentAmount: paid ?? null, reason: str(a.reason) },
        moneyOf(a, 'amount'),
      ),
    ];
  }
  if (became(b, a, 'status', 'failed'))
    return [fact('refund.failed', link, { failureMessage: str(a.failureMessage) }, moneyOf(a, 'amount'))];
  return [];
}

const cardDetail = (a: Snap) => ({
  brand: str(a.brand),
  last4: str(a.last4),
  expMonth: num(a.expMonth),
  expYear: num(a.expYear),
});

function cardFacts(b: Snap | null, a: Snap): Fact[] {
  if (b === null) return [fact('card.added', null, { ...cardDetail(a), isDefault: a.isDefault === true })];
  if (became(b, a, 'status', 'detached')) return [fact('card.removed', null, cardDetail(a))];
  if (became(b, a, 'isDefault', true)) return [fact('card.default', null, cardDetail(a))];
  return [];
}

const OPEN_RECOVERY = new Set(['retrying', 'waiting_for_card', 'paused']);

function recoveryFacts(b: Snap | null, a: Snap): Fact[] {
  const link: TimelineLink = str(a.invoiceId) ? { to: 'invoice', id: String(a.invoiceId) } : null;
  const retry = {
    attempts: num(a.attempts),
    nextAttemptAt: num(a.nextAttemptAt),
    failureCode: str(a.lastFailureCode),
  };
  if (b === null) return [fact('recovery.started', link, retry, moneyOf(a, 'failedAmount'))];
  if (became(b, a, 'status', 'recovered'))
    return [
      fact('recovery.recovered', link, { attempt: num(a.recoveredAttempt) }, moneyOf(a, 'recoveredAmount')),
    ];
  if (a.status !== b.status && !OPEN_RECOVERY.has(String(a.status)))
    return [fact('recovery.ended', link, { status: str(a.status) }, moneyOf(a, 'failedAmount'))];
  if ((num(a.attempts) ?? 0) > (num(b.attempts) ?? 0))
    return [fact('recovery.retry_failed', link, retry, moneyOf(a, 'failedAmount'))];
  return [];
}

function disputeFacts(b: Snap | null, a: Snap): Fact[] {
  const link: TimelineLink = str(a.invoiceId) ? { to: 'invoice', id: String(a.invoiceId) } : null;
  if (b === null)
    return [
      fact('dispute.opened', link, { reason: str(a.reason), status: str(a.status) }, moneyOf(a, 'amount')),
    ];
  if (changed(b, a, 'status') && ['won', 'lost'].includes(String(a.status)))
    return [fact('dispute.closed', link, { status: str(a.status) }, moneyOf(a, 'amount'))];
  return [];
}

/**
 * What one audit entry means for the customer's story: zero or more lines, read from the
 * difference between the entity's snapshots. Bookkeeping (a payment started, a period moved on)
 * yields nothing; the lines it leads to (payment succeeded, invoice issued) carry the news.
 */
export function factsOf(entry: SnapshotEntry, paymentAmounts: ReadonlyMap<string, number>): TimelineEntry[] {
  const a = entry.after;
  if (a === null) return [];
  const b = entry.before;
  const facts = ((): Fact[] => {
    switch (entry.entityType) {
      case 'customer':
        return customerFacts(b, a);
      case 'subscription':
        return subscriptionFacts(b, a);
      case 'invoice':
        return invoiceFacts(b, a);
      case 'payment':
        return paymentFacts(b, a);
      case 'refund':
        return refundFacts(b, a, paymentAmounts);
      case 'payment_method':
        return cardFacts(b, a);
      case 'invoice_recovery':
        return recoveryFacts(b, a);
      case 'dispute':
        return disputeFacts(b, a);
      default:
        return [];
    }
  })();
  // Several lines from one entry read newest first like the rest: the last listed happened last.
  return facts
    .map((f, i) => ({
      ...f,
      id: facts.length === 1 ? entry.id : `${entry.id}:${i}`,
      at: entry.at,
      actorName: entry.actorName,
    }))
    .reverse();
}
