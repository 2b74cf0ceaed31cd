import type { inferRouterOutputs } from '@trpc/server';
import { formatMoney, money } from '../../../shared/money';
import type { AppRouter } from '../../../server/app/router';
import { countryName, formatDate, formatDateTime } from '../../lib/format';
import { cardText } from '../../../shared/card-brands';

export type TimelinePage = inferRouterOutputs<AppRouter>['timeline']['customer'];
export type TimelineEntry = TimelinePage['items'][number];

type Detail = TimelineEntry['detail'];

const FIELDS: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  country: 'Country',
  company: 'Company',
  notes: 'Notes',
  status: 'Status',
  archivedAt: 'Archived at',
};

const text = (d: Detail, key: string, fallback = '') => {
  const v = d[key];
  return typeof v === 'string' && v ? v : fallback;
};
const number = (d: Detail, key: string) => (typeof d[key] === 'number' ? d[key] : null);
const day = (d: Detail, key: string) => {
  const ms = number(d, key);
  return ms === null ? null : formatDate(ms);
};

/** "$9.99", or nothing when the line carries no amount. */
export function amountText(entry: Pick<TimelineEntry, 'money'>): string {
  return entry.money ? formatMoney(money(entry.money.amount, entry.money.currency)) : '';
}

const card = (d: Detail) => cardText(text(d, 'brand', 'card'), text(d, 'last4', '····'));
const invoice = (d: Detail) => text(d, 'number', 'an invoice');
const plan = (d: Detail, key: string, quantityKey: string) => {
  const name = text(d, key, 'another plan');
  const quantity = number(d, quantityKey);
  return quantity !== null && quantity !== 1 ? `${name} × ${quantity}` : name;
};

/** The headline of a line: what happened, with its amount and object, in plain words. */
export function entryTitle(entry: Pick<TimelineEntry, 'kind' | 'detail' | 'money'>): string {
  const d = entry.detail;
  const amount = amountText(entry);
  switch (entry.kind) {
    case 'customer.created':
      return 'Created';
    case 'customer.updated':
      return 'Updated';
    case 'customer.archived':
      return 'Archived';
    case 'customer.unarchived':
      return 'Unarchived';
    case 'subscription.created':
      return `Subscribed to ${plan(d, 'plan', 'quantity')}`;
    case 'subscription.trial_started':
      return `Trial of ${plan(d, 'plan', 'quantity')} started`;
    case 'subscription.activated':
      return d.fromTrial ? 'Trial ended; subscription active' : 'Subscription active';
    case 'subscription.plan_changed':
      return `Plan changed: ${plan(d, 'fromPlan', 'fromQuantity')} → ${plan(d, 'toPlan', 'toQuantity')}`;
    case 'subscription.change_scheduled':
      return `Plan change to ${plan(d, 'toPlan', 'toQuantity')} scheduled`;
    case 'subscription.cancel_scheduled':
      return 'Cancellation scheduled';
    case 'subscription.cancel_undone':
      return 'Cancellation undone';
    case 'subscription.past_due':
      return 'Subscription past due';
    case 'subscription.paused':
      return 'Collection paused';
    case 'subscription.resumed':
      return 'Collection resumed';
    case 'subscription.ended':
      return 'Subscription ended';
    case 'invoice.issued':
      return `Invoice ${invoice(d)} issued for ${amount}`;
    case 'invoice.paid':
      return `Invoice ${invoice(d)} paid`;
    case 'invoice.voided':
      return `Invoice ${invoice(d)} voided`;
    case 'invoice.uncollectible':
      return `Invoice ${invoice(d)} marked uncollectible`;
    case 'payment.succeeded':
      return `Payment of ${amount} succeeded`;
    case 'payment.failed':
      return `Payment of ${amount} failed`;
    case 'refund.succeeded':
      return d.full ? `Refunded ${amount} in full` : `Refunded ${amount} (partial)`;
    case 'refund.failed':
      return `Refund of ${amount} failed`;
    case 'card.added':
      return `Card ${card(d)} added`;
    case 'card.removed':
      return `Card ${card(d)} removed`;
    case 'card.default':
      return `Card ${card(d)} made the default`;
    case 'card.expiring':
      return `Card ${card(d)} expires this month`;
    case 'recovery.started':
      return `Recovery of ${amount} started`;
    case 'recovery.retry_failed':
      return `Retry ${number(d, 'attempts') ?? ''} of ${amount} failed`.replace('  ', ' ');
    case 'recovery.recovered':
      return `Recovered ${amount}`;
    case 'recovery.ended':
      return `Recovery of ${amount} ended`;
    case 'dispute.opened':
      return `Dispute of ${amount} opened`;
    case 'dispute.closed':
      return `Dispute ${text(d, 'status', 'closed')}`;
    case 'email.sent':
      return `Email sent: ${text(d, 'subject')}`;
    case 'email.held':
      return `Email not sent (held): ${text(d, 'subject')}`;
    case 'email.failed':
      return `Email failed: ${text(d, 'subject')}`;
    case 'email.queued':
      return `Email queued: ${text(d, 'subject')}`;
  }
}

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'country' && typeof value === 'string') return countryName(value);
  if (field.endsWith('At') && typeof value === 'number') return formatDateTime(value);
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  return JSON.stringify(value);
}

/** The lines under the headline: the fields an edit changed, why a payment failed, when the next retry is. */
export function entryLines(entry: Pick<TimelineEntry, 'kind' | 'detail' | 'changes'>): string[] {
  const d = entry.detail;
  switch (entry.kind) {
    case 'customer.updated':
      return entry.changes.map(
        (c) => `${FIELDS[c.field] ?? c.field}: ${show(c.field, c.before)} → ${show(c.field, c.after)}`,
      );
    case 'subscription.cancel_scheduled':
      return day(d, 'at') ? [`Ends on ${day(d, 'at')}`] : [];
    case 'subscription.change_scheduled':
      return day(d, 'at') ? [`Takes effect on ${day(d, 'at')}`] : [];
    case 'payment.failed':
      return [text(d, 'failureMessage') || text(d, 'failureCode')].filter(Boolean);
    case 'recovery.started':
    case 'recovery.retry_failed':
      return [day(d, 'nextAttemptAt') ? `Next retry on ${day(d, 'nextAttemptAt')}` : 'No retry left'];
    case 'card.expiring':
      return [`Valid through ${String(number(d, 'expMonth')).padStart(2, '0')}/${number(d, 'expYear')}`];
    case 'email.held':
    case 'email.failed':
      return [text(d, 'problem')].filter(Boolean);
    case 'email.sent':
      return [`To ${text(d, 'recipient')}`];
    default:
      return [];
  }
}
