import { DAY_MS } from '../billing/periods';
import { money, zero, type CurrencyCode, type Money } from '../money';
import { assertId, assertTime, checkedMoney, invalidField, MarketplaceRuleError } from './errors';

/**
 * An instructor's earnings ledger as data (docs/marketplace.md). Every sale, refund clawback,
 * adjustment and payout is a line with a signed amount in one currency. An earning line (sale,
 * refund, adjustment) is **pending** before its `availableAt`, **available** from then, and **paid**
 * once a payout took it (`payoutId`). A payout line is the money leaving: minus what it took.
 *
 * So the balance still owed, pending + available, is the sum of all lines, and what was paid is
 * the sum of the lines the payouts took (minus the sum of the payout lines). A clawback that comes
 * after its sale was paid makes the available balance negative; no payout pays until later lines
 * cover it, and the first one that does takes the clawback with them. A payout the gateway could not
 * deliver is reversed by a second payout line of the opposite sign, and its lines are available again.
 */

export const LEDGER_LINE_KINDS = ['sale', 'refund', 'adjustment', 'payout'] as const;
export type LedgerLineKind = (typeof LEDGER_LINE_KINDS)[number];
export type EarningState = 'pending' | 'available' | 'paid';

/** The longest hold a workspace may set: longer than any card network's dispute window. */
export const MAX_HOLD_DAYS = 180;

export interface LedgerLine {
  id: string;
  kind: LedgerLineKind;
  /** Signed: sales are ≥ 0, clawbacks ≤ 0, adjustments either, payouts < 0 (a failed payout's reversal > 0). */
  amount: Money;
  /** When it happened. */
  at: number;
  /** From when an earning line may be paid out. */
  availableAt: number;
  /** The payout that took an earning line, or the payout a payout line is. */
  payoutId: string | null;
  /** The sale a sale or refund line belongs to, for the statement. */
  saleId: string | null;
}

export interface CurrencyBalance {
  currency: CurrencyCode;
  pending: Money;
  available: Money;
  paid: Money;
}

/** What a payout at a time would take from one currency: every available line, if they sum above 0. */
export interface PayoutTake {
  currency: CurrencyCode;
  amount: Money;
  lineIds: string[];
  /** The available balance: equal to `amount` when it is > 0, else carried forward unpaid. */
  available: Money;
}

function assertHoldDays(holdDays: number): void {
  if (!Number.isInteger(holdDays) || holdDays < 0 || holdDays > MAX_HOLD_DAYS) {
    throw invalidField('holdDays', `must be a whole number of days from 0 to ${MAX_HOLD_DAYS}`);
  }
}

/** A sale's line: the instructor's part of the sale, available `holdDays` after the sale. */
export function saleLine(input: {
  id: string;
  saleId: string;
  instructorShare: Money;
  at: number;
  holdDays: number;
}): LedgerLine {
  assertId(input.id, 'id');
  assertId(input.saleId, 'saleId');
  assertTime(input.at, 'at');
  assertHoldDays(input.holdDays);
  const share = checkedMoney(input.instructorShare, 'instructorShare');
  if (share.amount < 0) throw invalidField('instructorShare', 'must not be negative');
  return {
    id: input.id,
    kind: 'sale',
    amount: share,
    at: input.at,
    availableAt: input.at + input.holdDays * DAY_MS,
    payoutId: null,
    saleId: input.saleId,
  };
}

/**
 * A refund's clawback, its own line: minus the instructor's part of the refund. It matures with its
 * sale — while the sale is pending, the two net out in pending and no payout sees either — and
 * once the sale is available or paid it counts against the available balance at once.
 */
export function clawbackLine(input: {
  id: string;
  sale: LedgerLine;
  clawback: Money;
  at: number;
}): LedgerLine {
  assertId(input.id, 'id');
  assertTime(input.at, 'at');
  if (input.sale.kind !== 'sale' || input.sale.saleId === null)
    throw invalidField('sale', 'must be a sale line');
  checkedMoney(input.clawback, 'clawback');
  if (input.clawback.currency !== input.sale.amount.currency) {
    throw invalidField('clawback', `must be in the sale's currency, ${input.sale.amount.currency}`);
  }
  if (input.clawback.amount < 0) throw invalidField('clawback', 'must not be negative');
  return {
    id: input.id,
    kind: 'refund',
    amount: money(-input.clawback.amount, input.clawback.currency),
    at: input.at,
    availableAt: Math.max(input.at, input.sale.availableAt),
    payoutId: null,
    saleId: input.sale.saleId,
  };
}

/** A staff adjustment (either sign), available at once. */
export function adjustmentLine(input: { id: string; amount: Money; at: number }): LedgerLine {
  assertId(input.id, 'id');
  assertTime(input.at, 'at');
  const amount = checkedMoney(input.amount, 'amount');
  if (amount.amount === 0) throw invalidField('amount', 'must not be zero');
  return {
    id: input.id,
    kind: 'adjustment',
    amount,
    at: input.at,
    availableAt: input.at,
    payoutId: null,
    saleId: null,
  };
}

/** An earning line's state at a time; payout lines have none (they are the paying). */
export function earningState(line: LedgerLine, at: number): EarningState {
  if (line.kind === 'payout')
    throw new MarketplaceRuleError('INVALID_STATE', 'a payout line has no earning state');
  if (line.payoutId !== null) return 'paid';
  return at < line.availableAt ? 'pending' : 'available';
}

function currenciesOf(lines: readonly LedgerLine[]): CurrencyCode[] {
  return [...new Set(lines.map((line) => line.amount.currency))].sort();
}

/** Pending, available and paid per currency at a time, each the sum of its lines (sorted by currency). */
export function balances(lines: readonly LedgerLine[], at: number): CurrencyBalance[] {
  return currenciesOf(lines).map((currency) => {
    const sums: Record<EarningState, bigint> = { pending: 0n, available: 0n, paid: 0n };
    for (const line of lines) {
      if (line.amount.currency !== currency || line.kind === 'payout') continue;
      sums[earningState(line, at)] += BigInt(line.amount.amount);
    }
    return {
      currency,
      pending: money(Number(sums.pending), currency),
      available: money(Number(sums.available), currency),
      paid: money(Number(sums.paid), currency),
    };
  });
}

/** What a payout at `at` would take in a currency: every available line if they sum above zero, else none. */
export function payoutTake(lines: readonly LedgerLine[], currency: CurrencyCode, at: number): PayoutTake {
  const available = lines.filter(
    (line) =>
      line.kind !== 'payout' && line.amount.currency === currency && earningState(line, at) === 'available',
  );
  const total = available.reduce((sum, line) => sum + BigInt(line.amount.amount), 0n);
  const balance = money(Number(total), currency);
  if (total <= 0n) return { currency, amount: zero(currency), lineIds: [], available: balance };
  return { currency, amount: balance, lineIds: available.map((line) => line.id), available: balance };
}

/**
 * Records a payout: marks the lines it took as paid by it and appends its line (minus the amount).
 * Refuses lines that are not available now, a payout id used before, or an amount that is not
 * their sum — so nothing is paid twice and the cents add up.
 */
export function recordPayout(
  lines: readonly LedgerLine[],
  payout: { payoutId: string; lineId: string; take: PayoutTake; at: number },
): LedgerLine[] {
  const { payoutId, lineId, take, at } = payout;
  assertTime(at, 'at');
  if (take.amount.amount <= 0) throw invalidField('take', 'pays nothing: a payout must be above zero');
  if (lines.some((line) => line.payoutId === payoutId && line.kind === 'payout')) {
    throw new MarketplaceRuleError('INVALID_STATE', `payout ${payoutId} is recorded already`);
  }
  if (lines.some((line) => line.id === lineId)) throw invalidField('lineId', 'is taken by another line');
  const taken = new Set(take.lineIds);
  let total = 0n;
  const next = lines.map((line) => {
    if (!taken.has(line.id)) return line;
    taken.delete(line.id);
    if (
      line.kind === 'payout' ||
      line.amount.currency !== take.currency ||
      earningState(line, at) !== 'available'
    ) {
      throw new MarketplaceRuleError('INVALID_STATE', `line ${line.id} is not available in ${take.currency}`);
    }
    total += BigInt(line.amount.amount);
    return { ...line, payoutId };
  });
  if (taken.size > 0) {
    throw invalidField('take', `names lines the ledger does not hold: ${[...taken].join(', ')}`);
  }
  if (total !== BigInt(take.amount.amount)) {
    throw invalidField('take', `amount is not the sum of its lines (${total})`);
  }
  next.push({
    id: lineId,
    kind: 'payout',
    amount: money(-take.amount.amount, take.currency),
    at,
    availableAt: at,
    payoutId,
    saleId: null,
  });
  return next;
}

/**
 * Records that the gateway could not deliver a payout: appends its reversal (a payout line of plus
 * the amount, under the same payout id) and frees the lines it took, so they are available again and
 * a later run pays them. The payout's line stays: the statement shows the attempt and its return, and
 * a run planned again finds this run's payout recorded rather than asking the gateway again with a
 * key it has answered. The reason lives on the payout's own record.
 */
export function failPayout(
  lines: readonly LedgerLine[],
  failure: { payoutId: string; lineId: string; at: number },
): LedgerLine[] {
  const { payoutId, lineId, at } = failure;
  assertTime(at, 'at');
  const own = lines.filter((line) => line.kind === 'payout' && line.payoutId === payoutId);
  const [payout] = own;
  if (payout === undefined)
    throw new MarketplaceRuleError('INVALID_STATE', `payout ${payoutId} is not recorded`);
  if (own.length > 1) throw new MarketplaceRuleError('INVALID_STATE', `payout ${payoutId} failed already`);
  if (lines.some((line) => line.id === lineId)) throw invalidField('lineId', 'is taken by another line');
  const next = lines.map((line) =>
    line.kind !== 'payout' && line.payoutId === payoutId ? { ...line, payoutId: null } : line,
  );
  next.push({
    id: lineId,
    kind: 'payout',
    amount: money(-payout.amount.amount, payout.amount.currency),
    at,
    availableAt: at,
    payoutId,
    saleId: null,
  });
  return next;
}
