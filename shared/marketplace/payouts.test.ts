import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../billing/periods';
import { currency, money } from '../money';
import {
  adjustmentLine,
  balances,
  clawbackLine,
  failPayout,
  payoutTake,
  recordPayout,
  saleLine,
  type LedgerLine,
} from './ledger';
import {
  payoutIdempotencyKey,
  planPayoutRun,
  recordPlannedPayout,
  type PayoutRunInstructor,
  type PayoutRunPlan,
} from './payouts';

const RUN_AT = Date.UTC(2026, 5, 1);
const usd = (amount: number) => money(amount, 'USD');
const sale = (id: string, amount: number, daysBefore: number) =>
  saleLine({
    id,
    saleId: `s_${id}`,
    instructorShare: usd(amount),
    at: RUN_AT - daysBefore * DAY_MS,
    holdDays: 30,
  });

function instructor(
  id: string,
  lines: LedgerLine[],
  flags: Partial<PayoutRunInstructor> = {},
): PayoutRunInstructor {
  return { instructorId: id, payoutDetailsComplete: true, onHold: false, lines, ...flags };
}

describe('a payout run', () => {
  const ada = instructor('ins_ada', [sale('a1', 13_99, 45), sale('a2', 34_30, 10)]);
  const bo = instructor('ins_bo', [sale('b1', 5_00, 40)]);
  const cy = instructor('ins_cy', [sale('c1', 80_00, 40)], { payoutDetailsComplete: false });
  const di = instructor('ins_di', [sale('d1', 90_00, 40)], { onHold: true });
  const s = sale('e1', 20_00, 90);
  const paid = recordPayout([s], {
    payoutId: 'po_may',
    lineId: 'e2',
    take: payoutTake([s], currency('USD'), RUN_AT - 50 * DAY_MS),
    at: RUN_AT - 50 * DAY_MS,
  });
  const ed = instructor('ins_ed', [
    ...paid,
    clawbackLine({ id: 'e3', sale: s, clawback: usd(20_00), at: RUN_AT - 5 * DAY_MS }),
  ]);
  const input = {
    runId: 'run_2026_06',
    at: RUN_AT,
    minimums: [usd(10_00)],
    instructors: [ada, bo, cy, di, ed],
  };

  it('pays each available balance at or above the minimum, and says why the others wait', () => {
    const plan = planPayoutRun(input);
    expect(plan.payouts).toEqual([
      {
        instructorId: 'ins_ada',
        currency: 'USD',
        amount: usd(13_99),
        lineIds: ['a1'],
        idempotencyKey: 'payout:run_2026_06:ins_ada:USD',
      },
    ]);
    expect(plan.held.map((h) => [h.instructorId, h.reason, h.available.amount])).toEqual([
      ['ins_bo', 'below_minimum', 5_00],
      ['ins_cy', 'details_incomplete', 80_00],
      ['ins_di', 'on_hold', 90_00],
      ['ins_ed', 'negative_balance', -20_00],
    ]);
    expect(plan.totals).toEqual([usd(13_99)]);
  });

  it('pays any balance above zero in a currency without a minimum', () => {
    const plan = planPayoutRun({ ...input, minimums: [] });
    expect(plan.payouts.map((p) => [p.instructorId, p.amount.amount])).toEqual([
      ['ins_ada', 13_99],
      ['ins_bo', 5_00],
    ]);
  });

  it('once executed, plans nothing more and lists what it recorded', () => {
    const plan = planPayoutRun(input);
    const [payout] = plan.payouts;
    if (!payout) throw new Error('the run pays Ada');
    const executed = instructor('ins_ada', recordPlannedPayout(ada.lines, plan, payout, 'a3'));
    const again = planPayoutRun({ ...input, instructors: [executed, bo, cy, di, ed] });
    expect(again.payouts).toEqual([]);
    expect(again.recorded).toEqual([{ ...payout, failed: false }]);
    expect(again.totals).toEqual([]);
  });

  it('does not pay a failed payout again in its run, and pays it in the next', () => {
    const plan = planPayoutRun(input);
    const [payout] = plan.payouts;
    if (!payout) throw new Error('the run pays Ada');
    const recorded = recordPlannedPayout(ada.lines, plan, payout, 'a3');
    const failed = instructor(
      'ins_ada',
      failPayout(recorded, { payoutId: payout.idempotencyKey, lineId: 'a4', at: RUN_AT + DAY_MS }),
    );
    const again = planPayoutRun({ ...input, instructors: [failed] });
    expect(again.payouts).toEqual([]);
    expect(again.recorded).toEqual([{ ...payout, lineIds: [], failed: true }]);
    const july = planPayoutRun({
      ...input,
      runId: 'run_2026_07',
      at: RUN_AT + 30 * DAY_MS,
      instructors: [failed],
    });
    expect(july.payouts.map((p) => [p.idempotencyKey, p.amount.amount])).toEqual([
      ['payout:run_2026_07:ins_ada:USD', 13_99 + 34_30],
    ]);
  });

  it('refuses an instructor twice, an id that could break the key, and a repeated minimum', () => {
    expect(() => planPayoutRun({ ...input, instructors: [ada, ada] })).toThrow(
      /^instructors\.1\.instructorId appears twice/,
    );
    expect(() => planPayoutRun({ ...input, runId: 'run:1' })).toThrow(/^runId/);
    expect(() => planPayoutRun({ ...input, minimums: [usd(1), usd(2)] })).toThrow(/^minimums\.1 repeats USD/);
    expect(() => planPayoutRun({ ...input, minimums: [usd(0)] })).toThrow(/^minimums\.0/);
  });
});

// Random instructors: sales and adjustments of either sign in three currencies, some paid by an
// earlier payout, some held or without payout details.
const CODES = ['USD', 'JPY', 'BHD'] as const;
const entry = fc.record({
  adjustment: fc.boolean(),
  amount: fc.integer({ min: -50_000, max: 200_000 }),
  daysBefore: fc.nat({ max: 120 }),
  code: fc.constantFrom(...CODES),
});
const someone = fc.record({
  entries: fc.array(entry, { maxLength: 8 }),
  paidEarlier: fc.boolean(),
  payoutDetailsComplete: fc.boolean(),
  onHold: fc.boolean(),
});
const run = fc.record({
  people: fc.array(someone, { maxLength: 8 }),
  minimum: fc.integer({ min: 1, max: 20_000 }),
  crashAfter: fc.array(fc.boolean(), { maxLength: 30 }),
});

type Person = typeof someone extends fc.Arbitrary<infer T> ? T : never;

function buildInstructor(index: number, person: Person): PayoutRunInstructor {
  let lines: LedgerLine[] = [];
  person.entries.forEach((e, n) => {
    const at = RUN_AT - e.daysBefore * DAY_MS;
    const id = `l${index}_${n}`;
    if (e.adjustment && e.amount !== 0)
      lines.push(adjustmentLine({ id, amount: money(e.amount, e.code), at }));
    else
      lines.push(
        saleLine({
          id,
          saleId: `s${index}_${n}`,
          instructorShare: money(Math.abs(e.amount), e.code),
          at,
          holdDays: 14,
        }),
      );
  });
  if (person.paidEarlier) {
    const earlier = RUN_AT - 30 * DAY_MS;
    for (const code of CODES) {
      const take = payoutTake(lines, currency(code), earlier);
      if (take.amount.amount > 0)
        lines = recordPayout(lines, {
          payoutId: `po_${index}_${code}`,
          lineId: `pl${index}_${code}`,
          take,
          at: earlier,
        });
    }
  }
  return {
    instructorId: `ins_${index}`,
    payoutDetailsComplete: person.payoutDetailsComplete,
    onHold: person.onHold,
    lines,
  };
}

function execute(instructors: PayoutRunInstructor[], plan: PayoutRunPlan, which: (index: number) => boolean) {
  return instructors.map((one) => {
    let lines = [...one.lines];
    plan.payouts.forEach((payout, index) => {
      if (payout.instructorId === one.instructorId && which(index)) {
        lines = recordPlannedPayout(lines, plan, payout, `line_${payout.idempotencyKey}`);
      }
    });
    return { ...one, lines };
  });
}

describe('any payout run', () => {
  it('pays exactly the payable available balances, each instructor and currency once, as previewed', () => {
    fc.assert(
      fc.property(run, ({ people, minimum }) => {
        const instructors = people.map((p, i) => buildInstructor(i, p));
        const minimums = CODES.map((code) => money(minimum, code));
        const plan = planPayoutRun({ runId: 'run_1', at: RUN_AT, minimums, instructors });

        const expected = new Map<string, bigint>();
        for (const one of instructors) {
          if (!one.payoutDetailsComplete || one.onHold) continue;
          for (const b of balances(one.lines, RUN_AT)) {
            if (b.available.amount >= minimum)
              expected.set(b.currency, (expected.get(b.currency) ?? 0n) + BigInt(b.available.amount));
          }
        }
        expect(plan.totals.map((t) => [t.currency, BigInt(t.amount)])).toEqual([...expected].sort());

        const pairs = plan.payouts.map((p) => `${p.instructorId}/${p.currency}`);
        expect(new Set(pairs).size).toBe(pairs.length);
        for (const p of plan.payouts) {
          expect(p.amount.amount).toBeGreaterThan(0);
          expect(p.idempotencyKey).toBe(payoutIdempotencyKey('run_1', p.instructorId, p.currency));
        }

        // Executing pays what the preview said: the payout lines written sum to the totals.
        const after = execute(instructors, plan, () => true);
        const written = after.flatMap((one) =>
          one.lines.filter((l) => l.kind === 'payout' && l.payoutId?.startsWith('payout:run_1:')),
        );
        const paid = new Map<string, bigint>();
        for (const line of written)
          paid.set(line.amount.currency, (paid.get(line.amount.currency) ?? 0n) - BigInt(line.amount.amount));
        expect([...paid].sort()).toEqual([...expected].sort());
      }),
    );
  });

  it('planned again after a crash, pays only the payouts not recorded, with the same keys and amounts', () => {
    fc.assert(
      fc.property(run, ({ people, minimum, crashAfter }) => {
        const instructors = people.map((p, i) => buildInstructor(i, p));
        const input = {
          runId: 'run_1',
          at: RUN_AT,
          minimums: CODES.map((code) => money(minimum, code)),
          instructors,
        };
        const plan = planPayoutRun(input);
        const done = (index: number) => crashAfter[index] ?? false;
        const afterCrash = execute(instructors, plan, done);
        const again = planPayoutRun({ ...input, instructors: afterCrash });
        expect(again.payouts).toEqual(plan.payouts.filter((_, index) => !done(index)));
        expect(again.recorded).toEqual(
          plan.payouts.filter((_, index) => done(index)).map((p) => ({ ...p, failed: false })),
        );
        expect(again.held).toEqual(plan.held);

        // Finishing the rerun leaves nothing to pay in this run: each instructor was paid once.
        const finished = execute(afterCrash, again, () => true);
        const last = planPayoutRun({ ...input, instructors: finished });
        expect(last.payouts).toEqual([]);
        expect(last.recorded).toEqual(plan.payouts.map((p) => ({ ...p, failed: false })));
      }),
    );
  });
});
