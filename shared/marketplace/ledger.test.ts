import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../billing/periods';
import { currency, money, type Money } from '../money';
import { splitNet, splitRefund } from './split';
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

const USD = currency('USD');
const usd = (amount: number) => money(amount, USD);
const day = (month: number, date: number) => Date.UTC(2026, month - 1, date);
const HOLD = 30;

function balanceOf(lines: readonly LedgerLine[], at: number) {
  const [only] = balances(lines, at);
  return only ? [only.pending.amount, only.available.amount, only.paid.amount] : [0, 0, 0];
}

function pay(lines: LedgerLine[], at: number, payoutId: string): LedgerLine[] {
  return recordPayout(lines, { payoutId, lineId: `${payoutId}_line`, take: payoutTake(lines, USD, at), at });
}

describe('an instructor’s ledger', () => {
  const s1 = saleLine({ id: 'l1', saleId: 's1', instructorShare: usd(1399), at: day(3, 1), holdDays: HOLD });

  it('holds a sale pending for the hold period, then makes it available', () => {
    expect(s1.availableAt).toBe(day(3, 31));
    expect(balanceOf([s1], day(3, 30))).toEqual([1399, 0, 0]);
    expect(balanceOf([s1], day(3, 31))).toEqual([0, 1399, 0]);
  });

  it('carries a clawback after a payout forward as a negative balance until later sales cover it', () => {
    let lines: LedgerLine[] = [s1];
    lines = pay(lines, day(4, 1), 'p1');
    expect(balanceOf(lines, day(4, 1))).toEqual([0, 0, 1399]);

    lines.push(clawbackLine({ id: 'l2', sale: s1, clawback: usd(1399), at: day(4, 5) }));
    const s2 = saleLine({
      id: 'l3',
      saleId: 's2',
      instructorShare: usd(3430),
      at: day(4, 20),
      holdDays: HOLD,
    });
    lines.push(s2);
    expect(balanceOf(lines, day(5, 1))).toEqual([3430, -1399, 1399]);

    // The May run pays nothing: the negative balance stays.
    const may = payoutTake(lines, USD, day(5, 1));
    expect(may).toMatchObject({ amount: usd(0), lineIds: [], available: usd(-1399) });
    expect(() => recordPayout(lines, { payoutId: 'p2', lineId: 'x', take: may, at: day(5, 1) })).toThrow(
      /pays nothing/,
    );

    // By June the second sale is available and covers the clawback: 34.30 − 13.99 = 20.31.
    const june = payoutTake(lines, USD, day(6, 1));
    expect(june).toMatchObject({ amount: usd(2031), lineIds: ['l2', 'l3'] });
    lines = pay(lines, day(6, 1), 'p3');
    expect(balanceOf(lines, day(6, 1))).toEqual([0, 0, 1399 + 2031]);
    expect(lines.filter((l) => l.kind === 'payout').map((l) => l.amount.amount)).toEqual([-1399, -2031]);
  });

  it('nets a refund inside the hold period out of pending, never touching available', () => {
    const clawback = clawbackLine({ id: 'l2', sale: s1, clawback: usd(700), at: day(3, 10) });
    expect(clawback.availableAt).toBe(s1.availableAt);
    expect(balanceOf([s1, clawback], day(3, 10))).toEqual([699, 0, 0]);
    expect(balanceOf([s1, clawback], day(3, 31))).toEqual([0, 699, 0]);
  });

  it('keeps each currency apart', () => {
    const yen = saleLine({
      id: 'l9',
      saleId: 's9',
      instructorShare: money(1399, 'JPY'),
      at: day(1, 1),
      holdDays: 0,
    });
    const all = balances([s1, yen], day(3, 1));
    expect(all.map((b) => [b.currency, b.pending.amount, b.available.amount])).toEqual([
      ['JPY', 0, 1399],
      ['USD', 1399, 0],
    ]);
  });

  it('refuses to pay a line twice, a pending line, or a payout recorded already', () => {
    const lines = pay([s1], day(4, 1), 'p1');
    const stale = { currency: USD, amount: usd(1399), lineIds: ['l1'], available: usd(1399) };
    expect(() => recordPayout(lines, { payoutId: 'p2', lineId: 'x', take: stale, at: day(4, 2) })).toThrow(
      /line l1 is not available/,
    );
    expect(() => recordPayout([s1], { payoutId: 'p2', lineId: 'x', take: stale, at: day(3, 2) })).toThrow(
      /line l1 is not available/,
    );
    expect(() => recordPayout(lines, { payoutId: 'p1', lineId: 'y', take: stale, at: day(4, 2) })).toThrow(
      /payout p1 is recorded already/,
    );
    const wrongSum = { ...stale, amount: usd(1400) };
    expect(() => recordPayout([s1], { payoutId: 'p2', lineId: 'x', take: wrongSum, at: day(4, 2) })).toThrow(
      /not the sum of its lines/,
    );
  });

  it('returns a failed payout’s money to available, showing the attempt and its reversal', () => {
    const paid = pay([s1], day(4, 1), 'p1');
    const failed = failPayout(paid, { payoutId: 'p1', lineId: 'p1_failed', at: day(4, 3) });
    expect(balanceOf(failed, day(4, 3))).toEqual([0, 1399, 0]);
    expect(failed.filter((l) => l.kind === 'payout').map((l) => [l.payoutId, l.amount.amount])).toEqual([
      ['p1', -1399],
      ['p1', 1399],
    ]);
    expect(() => failPayout(failed, { payoutId: 'p1', lineId: 'x', at: day(4, 4) })).toThrow(
      /payout p1 failed already/,
    );
    expect(() => failPayout(failed, { payoutId: 'p9', lineId: 'x', at: day(4, 4) })).toThrow(
      /payout p9 is not recorded/,
    );
    // The next payout, under a new id, pays the line again.
    expect(balanceOf(pay(failed, day(5, 1), 'p2'), day(5, 1))).toEqual([0, 0, 1399]);
  });

  it('refuses bad lines, naming the field', () => {
    expect(() => saleLine({ id: 'l1', saleId: 's1', instructorShare: usd(-1), at: 0, holdDays: 0 })).toThrow(
      /^instructorShare/,
    );
    expect(() => saleLine({ id: 'l1', saleId: 's1', instructorShare: usd(1), at: 0, holdDays: 1.5 })).toThrow(
      /^holdDays/,
    );
    expect(() => saleLine({ id: 'a:b', saleId: 's1', instructorShare: usd(1), at: 0, holdDays: 0 })).toThrow(
      /^id /,
    );
    expect(() => clawbackLine({ id: 'l2', sale: s1, clawback: money(1, 'EUR'), at: 0 })).toThrow(/^clawback/);
    expect(() => adjustmentLine({ id: 'l3', amount: usd(0), at: 0 })).toThrow(/^amount/);
    const unknown = { amount: 100, currency: 'U$D' } as unknown as Money;
    expect(() => adjustmentLine({ id: 'l3', amount: unknown, at: 0 })).toThrow(
      /^amount "U\$D" is not an ISO-4217 currency code/,
    );
    const huge = { amount: 2 ** 53, currency: USD };
    expect(() => saleLine({ id: 'l4', saleId: 's4', instructorShare: huge, at: 0, holdDays: 0 })).toThrow(
      /^instructorShare/,
    );
    expect(() =>
      saleLine({ id: 'l4', saleId: 's4', instructorShare: usd(1), at: 2 ** 53, holdDays: 0 }),
    ).toThrow(/^at /);
  });
});

// A random history: sales in two currencies, partial clawbacks of earlier sales, adjustments and payouts.
const step = fc.record({
  kind: fc.constantFrom('sale', 'sale', 'refund', 'adjustment', 'payout', 'payout', 'failure'),
  afterDays: fc.nat({ max: 20 }),
  amount: fc.oneof(fc.nat({ max: 100_000 }), fc.nat({ max: 2 ** 40 })),
  pick: fc.nat(),
  yen: fc.boolean(),
});
const history = fc.record({ holdDays: fc.nat({ max: 30 }), steps: fc.array(step, { maxLength: 40 }) });

const sumOf = (lines: readonly LedgerLine[]) => lines.reduce((s, l) => s + BigInt(l.amount.amount), 0n);

describe('any ledger', () => {
  it('keeps every balance the sum of its lines, pays only what is available, never twice, and loses no cent', () => {
    fc.assert(
      fc.property(history, ({ holdDays, steps }) => {
        let lines: LedgerLine[] = [];
        const clawable = new Map<string, number>();
        let now = day(1, 1);
        steps.forEach((s, index) => {
          now += s.afterDays * DAY_MS;
          const code = currency(s.yen ? 'JPY' : 'USD');
          const id = `l${index}`;
          const sales = lines.filter((l) => l.kind === 'sale');
          if (s.kind === 'sale') {
            lines.push(
              saleLine({
                id,
                saleId: `s${index}`,
                instructorShare: money(s.amount, code),
                at: now,
                holdDays,
              }),
            );
            clawable.set(id, s.amount);
          } else if (s.kind === 'refund' && sales.length > 0) {
            const sale = sales[s.pick % sales.length] as LedgerLine;
            const left = clawable.get(sale.id) ?? 0;
            const clawback: Money = money(s.amount % (left + 1), sale.amount.currency);
            clawable.set(sale.id, left - clawback.amount);
            lines.push(clawbackLine({ id, sale, clawback, at: now }));
          } else if (s.kind === 'adjustment' && s.amount > 0) {
            const signed = s.pick % 2 === 0 ? s.amount : -s.amount;
            lines.push(adjustmentLine({ id, amount: money(signed, code), at: now }));
          } else if (s.kind === 'failure') {
            const payouts = lines.filter(
              (l) =>
                l.kind === 'payout' &&
                lines.filter((o) => o.payoutId === l.payoutId && o.kind === 'payout').length === 1,
            );
            const failed = payouts[s.pick % Math.max(1, payouts.length)];
            if (failed?.payoutId) {
              const freed = lines
                .filter((l) => l.kind !== 'payout' && l.payoutId === failed.payoutId)
                .map((l) => l.id);
              lines = failPayout(lines, { payoutId: failed.payoutId, lineId: id, at: now });
              // Its lines are available again, and the next payout in its currency takes them all.
              const take = payoutTake(lines, failed.amount.currency, now);
              for (const lineId of freed) expect(lines.find((l) => l.id === lineId)?.payoutId).toBeNull();
              if (take.amount.amount > 0)
                expect(freed.every((lineId) => take.lineIds.includes(lineId))).toBe(true);
            }
          } else if (s.kind === 'payout') {
            const before = balances(lines, now).find((b) => b.currency === code);
            const take = payoutTake(lines, code, now);
            expect(take.amount.amount).toBe(Math.max(0, before?.available.amount ?? 0));
            if (take.amount.amount > 0) {
              const paidBefore = new Map(lines.map((l) => [l.id, l.payoutId]));
              lines = recordPayout(lines, { payoutId: `p${index}`, lineId: id, take, at: now });
              for (const line of lines) {
                const earlier = paidBefore.get(line.id);
                // A line paid before keeps its payout; only lines available now were taken.
                if (earlier) expect(line.payoutId).toBe(earlier);
                if (line.payoutId === `p${index}` && line.kind !== 'payout')
                  expect(line.availableAt).toBeLessThanOrEqual(now);
              }
              expect(payoutTake(lines, code, now).amount.amount).toBe(0);
            }
          }
          for (const balance of balances(lines, now)) {
            const ofCurrency = lines.filter((l) => l.amount.currency === balance.currency);
            const earnings = ofCurrency.filter((l) => l.kind !== 'payout');
            const payouts = ofCurrency.filter((l) => l.kind === 'payout');
            const owed = BigInt(balance.pending.amount) + BigInt(balance.available.amount);
            expect(owed).toBe(sumOf(ofCurrency));
            expect(BigInt(balance.paid.amount)).toBe(-sumOf(payouts));
            expect(owed + BigInt(balance.paid.amount)).toBe(sumOf(earnings));
            expect(balance.paid.amount).toBeGreaterThanOrEqual(0);
          }
        });
      }),
    );
  });
});

describe('a refund after a payout', () => {
  it('leaves the clawback as the negative balance, recovered before the next sale is paid', () => {
    const amounts = fc.tuple(
      fc.nat({ max: 2 ** 40 }),
      fc.integer({ min: 0, max: 10_000 }),
      fc.nat(),
      fc.nat({ max: 2 ** 40 }),
    );
    fc.assert(
      fc.property(amounts, ([net, share, refundPick, nextNet]) => {
        const split = splitNet(usd(net), share);
        const sold = saleLine({
          id: 'l1',
          saleId: 's1',
          instructorShare: split.instructor,
          at: day(1, 1),
          holdDays: HOLD,
        });
        let lines: LedgerLine[] = split.instructor.amount > 0 ? pay([sold], day(2, 1), 'p1') : [sold];
        const refund = splitRefund(split, usd(0), usd(refundPick % (net + 1)));
        lines.push(clawbackLine({ id: 'l2', sale: sold, clawback: refund.instructor, at: day(2, 10) }));
        expect(balanceOf(lines, day(2, 10))).toEqual([
          0,
          0 - refund.instructor.amount,
          split.instructor.amount,
        ]);
        expect(payoutTake(lines, USD, day(2, 10)).amount.amount).toBe(0);

        const next = splitNet(usd(nextNet), share).instructor;
        lines.push(
          saleLine({ id: 'l3', saleId: 's2', instructorShare: next, at: day(2, 20), holdDays: HOLD }),
        );
        const take = payoutTake(lines, USD, day(4, 1));
        expect(take.amount.amount).toBe(Math.max(0, next.amount - refund.instructor.amount));
        if (take.amount.amount > 0) {
          lines = pay(lines, day(4, 1), 'p2');
          // Everything the instructor kept is paid: both sales less the clawback.
          expect(balanceOf(lines, day(4, 1))).toEqual([
            0,
            0,
            split.instructor.amount + next.amount - refund.instructor.amount,
          ]);
        }
      }),
    );
  });
});
