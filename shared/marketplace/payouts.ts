import { money, type CurrencyCode, type Money } from '../money';
import { assertId, assertTime, checkedMoney, invalidField } from './errors';
import { balances, payoutTake, recordPayout, type LedgerLine } from './ledger';

/**
 * The plan of a payout run (docs/marketplace.md): for each instructor and currency, pay the whole
 * available balance at the run's time, or say why not. The plan is pure, so the preview staff see is
 * the plan the run executes. Each payout's id is its idempotency key, made from the run, the
 * instructor and the currency alone: a run planned again after a crash finds the payouts its ledger
 * recorded and leaves them out, and one paid at the gateway but not recorded asks again with the same
 * key and the same amount, so the gateway answers with the transfer it already made.
 */

export const HOLD_REASONS = ['negative_balance', 'details_incomplete', 'on_hold', 'below_minimum'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export interface PayoutRunInstructor {
  instructorId: string;
  /** The gateway account and tax details are complete: money can reach the instructor. */
  payoutDetailsComplete: boolean;
  /** Staff hold this instructor's payouts. */
  onHold: boolean;
  lines: readonly LedgerLine[];
}

export interface PayoutRunInput {
  runId: string;
  at: number;
  /** The smallest payout per currency; a currency not listed pays any balance above zero. */
  minimums: readonly Money[];
  instructors: readonly PayoutRunInstructor[];
}

export interface PlannedPayout {
  instructorId: string;
  currency: CurrencyCode;
  amount: Money;
  lineIds: string[];
  /** Also the payout's id in the ledger. */
  idempotencyKey: string;
}

/** A payout of this run found in the ledger; a failed one's lines were freed for a later run. */
export interface RecordedPayout extends PlannedPayout {
  failed: boolean;
}

export interface HeldBalance {
  instructorId: string;
  currency: CurrencyCode;
  available: Money;
  reason: HoldReason;
}

export interface PayoutRunPlan {
  runId: string;
  at: number;
  payouts: PlannedPayout[];
  held: HeldBalance[];
  /** Payouts of this run the ledgers recorded already (a run planned again after a crash). */
  recorded: RecordedPayout[];
  /** What the payouts pay, per currency (sorted by currency). */
  totals: Money[];
}

/** The sentence staff and the instructor's statement show for each hold. */
export const HOLD_REASON_TEXT: Record<HoldReason, string> = {
  negative_balance:
    'Refunds after an earlier payout exceed what is available; later sales will cover them first.',
  details_incomplete: 'Payout details are incomplete: add a payout account to receive this balance.',
  on_hold: 'Payouts to this instructor are on hold by staff.',
  below_minimum: 'The available balance is below the minimum payout; it carries over to the next run.',
};

/** The payout's idempotency key and ledger id: deterministic from the run, the instructor and the currency. */
export function payoutIdempotencyKey(runId: string, instructorId: string, code: CurrencyCode): string {
  return `payout:${runId}:${instructorId}:${code}`;
}

function minimumsByCurrency(minimums: readonly Money[]): Map<CurrencyCode, number> {
  const byCurrency = new Map<CurrencyCode, number>();
  minimums.forEach((minimum, index) => {
    const field = `minimums.${index}`;
    if (checkedMoney(minimum, field).amount < 1) {
      throw invalidField(field, 'must be a whole number of minor units, at least 1');
    }
    if (byCurrency.has(minimum.currency)) throw invalidField(field, `repeats ${minimum.currency}`);
    byCurrency.set(minimum.currency, minimum.amount);
  });
  return byCurrency;
}

/** Why a positive balance is not paid, in the order staff should act on: details, then holds, then size. */
function holdReason(instructor: PayoutRunInstructor, available: number, minimum: number): HoldReason | null {
  if (available < 0) return 'negative_balance';
  if (!instructor.payoutDetailsComplete) return 'details_incomplete';
  if (instructor.onHold) return 'on_hold';
  if (available < minimum) return 'below_minimum';
  return null;
}

function assertInput(input: PayoutRunInput): void {
  assertId(input.runId, 'runId');
  assertTime(input.at, 'at');
  const seen = new Set<string>();
  input.instructors.forEach((instructor, index) => {
    assertId(instructor.instructorId, `instructors.${index}.instructorId`);
    if (seen.has(instructor.instructorId)) {
      throw invalidField(`instructors.${index}.instructorId`, 'appears twice in the run');
    }
    seen.add(instructor.instructorId);
  });
}

/** The payout of this run the instructor's ledger holds in a currency, if any. */
function recordedPayout(
  instructor: PayoutRunInstructor,
  code: CurrencyCode,
  key: string,
): RecordedPayout | null {
  const own = instructor.lines.filter((line) => line.kind === 'payout' && line.payoutId === key);
  const [first] = own;
  if (first === undefined) return null;
  const lineIds = instructor.lines.filter((l) => l.kind !== 'payout' && l.payoutId === key).map((l) => l.id);
  return {
    instructorId: instructor.instructorId,
    currency: code,
    amount: money(-first.amount.amount, code),
    lineIds,
    idempotencyKey: key,
    failed: own.length > 1,
  };
}

/** Plans a run: who is paid how much in each currency, who is held and why, and what is recorded already. */
export function planPayoutRun(input: PayoutRunInput): PayoutRunPlan {
  assertInput(input);
  const minimums = minimumsByCurrency(input.minimums);
  const plan: PayoutRunPlan = {
    runId: input.runId,
    at: input.at,
    payouts: [],
    held: [],
    recorded: [],
    totals: [],
  };
  const totals = new Map<CurrencyCode, bigint>();
  for (const instructor of input.instructors) {
    for (const balance of balances(instructor.lines, input.at)) {
      const { currency: code } = balance;
      const idempotencyKey = payoutIdempotencyKey(input.runId, instructor.instructorId, code);
      const recorded = recordedPayout(instructor, code, idempotencyKey);
      if (recorded) {
        plan.recorded.push(recorded);
        continue;
      }
      const available = balance.available.amount;
      if (available === 0) continue;
      const reason = holdReason(instructor, available, minimums.get(code) ?? 1);
      if (reason !== null) {
        plan.held.push({
          instructorId: instructor.instructorId,
          currency: code,
          available: balance.available,
          reason,
        });
        continue;
      }
      const take = payoutTake(instructor.lines, code, input.at);
      plan.payouts.push({
        instructorId: instructor.instructorId,
        currency: code,
        amount: take.amount,
        lineIds: take.lineIds,
        idempotencyKey,
      });
      totals.set(code, (totals.get(code) ?? 0n) + BigInt(take.amount.amount));
    }
  }
  plan.totals = [...totals.keys()].sort().map((code) => money(Number(totals.get(code)), code));
  return plan;
}

/** Records one planned payout in its instructor's ledger, once the gateway has made it. */
export function recordPlannedPayout(
  lines: readonly LedgerLine[],
  plan: PayoutRunPlan,
  payout: PlannedPayout,
  lineId: string,
): LedgerLine[] {
  const take = {
    currency: payout.currency,
    amount: payout.amount,
    lineIds: payout.lineIds,
    available: payout.amount,
  };
  return recordPayout(lines, { payoutId: payout.idempotencyKey, lineId, take, at: plan.at });
}
