import { divideHalfEven, money, type Money } from '../money';
import { checkedMoney, invalidField } from './errors';

/**
 * The revenue split of a course sale between its instructor and the platform (docs/marketplace.md).
 *
 * What is split is the sale's **net**: what the learner paid, excluding tax, after discounts, and
 * before the gateway's fee. Tax is never revenue; a discount was never paid; the gateway's fee is the
 * platform's cost, because it is known only after settlement and varies by card and country, so an
 * instructor's share taken after it could not be explained from the invoice alone.
 *
 * Shares are basis points of the net for the instructor (7000 = 70 %); the platform gets the rest.
 * The instructor's part is net × share ÷ 10,000 rounded half to even — the project's one rounding
 * rule (decision 9) — and the platform gets the exact remainder, so the two always add up to the net
 * (decision 165).
 */

export const BASIS_POINTS = 10_000;
export const DEFAULT_INSTRUCTOR_SHARE_BPS = 7_000;

/**
 * Where a sale came from. A channel rule wins over every other share: a sale through the
 * instructor's own coupon link was brought by the instructor, so it may pay them more.
 */
export const SALES_CHANNELS = ['marketplace', 'instructor_coupon'] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

export interface ChannelRule {
  channel: SalesChannel;
  instructorBps: number;
}

/** Every share that could apply to one sale; `null` where nothing overrides. */
export interface ShareSettings {
  workspaceDefaultBps: number;
  instructorBps: number | null;
  courseBps: number | null;
  channelRules: readonly ChannelRule[];
}

/** Which setting decided a sale's share, so an instructor's statement can say why. */
export type ShareSource = 'channel' | 'course' | 'instructor' | 'workspace';

export interface ResolvedShare {
  instructorBps: number;
  source: ShareSource;
}

export interface Split {
  net: Money;
  instructorBps: number;
  instructor: Money;
  platform: Money;
}

/** One refund's part of a sale: `instructor` is clawed back from the instructor, both ≥ 0. */
export interface RefundSplit {
  refunded: Money;
  instructor: Money;
  platform: Money;
}

/** Refuses a share that is not a whole number of basis points in 0..10,000. */
export function assertShareBps(value: unknown, field: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > BASIS_POINTS) {
    throw invalidField(field, 'must be a whole number of basis points from 0 to 10000');
  }
}

function isSalesChannel(value: unknown): value is SalesChannel {
  return typeof value === 'string' && (SALES_CHANNELS as readonly string[]).includes(value);
}

/** The instructor's share of a sale: channel rule > course override > instructor override > workspace default. */
export function resolveInstructorShare(settings: ShareSettings, channel: SalesChannel): ResolvedShare {
  if (!isSalesChannel(channel)) throw invalidField('channel', `must be one of ${SALES_CHANNELS.join(', ')}`);
  assertShareBps(settings.workspaceDefaultBps, 'workspaceDefaultBps');
  const seen = new Set<string>();
  settings.channelRules.forEach((rule, index) => {
    if (!isSalesChannel(rule.channel))
      throw invalidField(`channelRules.${index}.channel`, 'is not a sales channel');
    if (seen.has(rule.channel)) throw invalidField(`channelRules.${index}.channel`, 'has a rule already');
    seen.add(rule.channel);
    assertShareBps(rule.instructorBps, `channelRules.${index}.instructorBps`);
  });
  const channelRule = settings.channelRules.find((rule) => rule.channel === channel);
  if (channelRule) return { instructorBps: channelRule.instructorBps, source: 'channel' };
  if (settings.courseBps !== null) {
    assertShareBps(settings.courseBps, 'courseBps');
    return { instructorBps: settings.courseBps, source: 'course' };
  }
  if (settings.instructorBps !== null) {
    assertShareBps(settings.instructorBps, 'instructorBps');
    return { instructorBps: settings.instructorBps, source: 'instructor' };
  }
  return { instructorBps: settings.workspaceDefaultBps, source: 'workspace' };
}

function assertNonNegative(amount: Money, field: string): void {
  if (checkedMoney(amount, field).amount < 0) throw invalidField(field, 'must not be negative');
}

/** A sale's net from what the learner paid (discounts already off) and the tax in it. */
export function netOfSale(paid: Money, tax: Money): Money {
  assertNonNegative(paid, 'paid');
  assertNonNegative(tax, 'tax');
  if (tax.currency !== paid.currency)
    throw invalidField('tax', `must be in the payment's currency, ${paid.currency}`);
  if (tax.amount > paid.amount) throw invalidField('tax', 'must not be more than was paid');
  return money(paid.amount - tax.amount, paid.currency);
}

/** Splits a sale's net: the instructor's part rounded half to even, the platform the exact remainder. */
export function splitNet(net: Money, instructorBps: number): Split {
  assertNonNegative(net, 'net');
  assertShareBps(instructorBps, 'instructorBps');
  const instructor = Number(divideHalfEven(BigInt(net.amount) * BigInt(instructorBps), BigInt(BASIS_POINTS)));
  return {
    net,
    instructorBps,
    instructor: money(instructor, net.currency),
    platform: money(net.amount - instructor, net.currency),
  };
}

/**
 * How much of the instructor's part is clawed back once `refundedNet` of the sale's net has been
 * refunded in all: instructor × refunded ÷ net, half to even. Refunds are computed on this running
 * total and each one takes the difference, so any sequence of partial refunds claws back exactly
 * what one refund of their sum would — and a full refund exactly the instructor's part.
 */
function cumulativeClawback(sale: Split, refundedNet: number): number {
  if (sale.net.amount === 0) return 0;
  const exact = BigInt(sale.instructor.amount) * BigInt(refundedNet);
  return Number(divideHalfEven(exact, BigInt(sale.net.amount)));
}

/** A sale read back from storage must still be a split of its net, or its clawbacks would be wrong. */
function assertConsistentSplit(sale: Split): void {
  const { net, instructor, platform } = sale;
  const sameCurrency = instructor.currency === net.currency && platform.currency === net.currency;
  if (
    !sameCurrency ||
    instructor.amount < 0 ||
    platform.amount < 0 ||
    instructor.amount + platform.amount !== net.amount
  ) {
    throw invalidField(
      'sale',
      'is not a split of its net (instructor + platform must equal the net, both ≥ 0)',
    );
  }
}

/**
 * Splits one refund of a sale (in net terms: the refund's tax is not revenue either) given what was
 * refunded before it. Refuses a refund in another currency or one that would take the sale's
 * refunds past its net.
 */
export function splitRefund(sale: Split, refundedBefore: Money, refund: Money): RefundSplit {
  assertNonNegative(refundedBefore, 'refundedBefore');
  assertNonNegative(refund, 'refund');
  assertConsistentSplit(sale);
  if (refund.currency !== sale.net.currency || refundedBefore.currency !== sale.net.currency) {
    throw invalidField('refund', `must be in the sale's currency, ${sale.net.currency}`);
  }
  const after = refundedBefore.amount + refund.amount;
  if (after > sale.net.amount) {
    throw invalidField('refund', `would refund ${after} of a sale whose net is ${sale.net.amount}`);
  }
  const instructor = cumulativeClawback(sale, after) - cumulativeClawback(sale, refundedBefore.amount);
  return {
    refunded: refund,
    instructor: money(instructor, refund.currency),
    platform: money(refund.amount - instructor, refund.currency),
  };
}
