import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money, type Money } from '../money';
import { MarketplaceRuleError } from './errors';
import {
  DEFAULT_INSTRUCTOR_SHARE_BPS,
  netOfSale,
  resolveInstructorShare,
  splitNet,
  splitRefund,
  type ShareSettings,
} from './split';

const usd = (amount: number) => money(amount, 'USD');

// 0, 2 and 3 minor-unit digits; amounts across the whole safe-integer range.
const currencyCode = fc.constantFrom('JPY', 'USD', 'EUR', 'BHD', 'KWD');
const bps = fc.integer({ min: 0, max: 10_000 });
const net = fc
  .tuple(fc.oneof(fc.nat({ max: 10_000_000 }), fc.maxSafeNat()), currencyCode)
  .map(([amount, code]) => money(amount, code));

const defaults: ShareSettings = {
  workspaceDefaultBps: DEFAULT_INSTRUCTOR_SHARE_BPS,
  instructorBps: null,
  courseBps: null,
  channelRules: [],
};

describe('which share applies', () => {
  it('is the workspace default of 70 % when nothing overrides it', () => {
    expect(resolveInstructorShare(defaults, 'marketplace')).toEqual({
      instructorBps: 7000,
      source: 'workspace',
    });
  });

  it('takes the instructor override over the default, the course override over both', () => {
    const instructor = { ...defaults, instructorBps: 7500 };
    expect(resolveInstructorShare(instructor, 'marketplace')).toEqual({
      instructorBps: 7500,
      source: 'instructor',
    });
    const course = { ...instructor, courseBps: 5000 };
    expect(resolveInstructorShare(course, 'marketplace')).toEqual({ instructorBps: 5000, source: 'course' });
  });

  it('takes a sales channel rule over every override, only for a sale through that channel', () => {
    const settings: ShareSettings = {
      workspaceDefaultBps: 7000,
      instructorBps: 7500,
      courseBps: 5000,
      channelRules: [{ channel: 'instructor_coupon', instructorBps: 9700 }],
    };
    expect(resolveInstructorShare(settings, 'instructor_coupon')).toEqual({
      instructorBps: 9700,
      source: 'channel',
    });
    expect(resolveInstructorShare(settings, 'marketplace')).toEqual({
      instructorBps: 5000,
      source: 'course',
    });
  });

  it('lets a 0 % override apply rather than falling through to the next setting', () => {
    expect(resolveInstructorShare({ ...defaults, courseBps: 0 }, 'marketplace')).toEqual({
      instructorBps: 0,
      source: 'course',
    });
  });

  it('refuses a share outside 0..10000 or not whole, naming the setting', () => {
    expect(() => resolveInstructorShare({ ...defaults, courseBps: 10_001 }, 'marketplace')).toThrow(
      /courseBps/,
    );
    expect(() => resolveInstructorShare({ ...defaults, instructorBps: 70.5 }, 'marketplace')).toThrow(
      /instructorBps/,
    );
    expect(() =>
      resolveInstructorShare(
        { ...defaults, channelRules: [{ channel: 'instructor_coupon', instructorBps: -1 }] },
        'instructor_coupon',
      ),
    ).toThrow(/channelRules\.0\.instructorBps/);
  });

  it('refuses an unknown channel and two rules for one channel', () => {
    expect(() => resolveInstructorShare(defaults, '__proto__' as never)).toThrow(MarketplaceRuleError);
    const twice = [
      { channel: 'instructor_coupon' as const, instructorBps: 9000 },
      { channel: 'instructor_coupon' as const, instructorBps: 8000 },
    ];
    expect(() => resolveInstructorShare({ ...defaults, channelRules: twice }, 'marketplace')).toThrow(
      /channelRules\.1\.channel has a rule already/,
    );
  });
});

describe('splitting a sale', () => {
  it('splits the net: paid (after the coupon) less the tax in it', () => {
    // 29.99 less a 10.00 coupon = 19.99, plus 20 % VAT of 4.00: the learner pays 23.99.
    expect(netOfSale(usd(2399), usd(400))).toEqual(usd(1999));
    expect(() => netOfSale(usd(100), usd(101))).toThrow(/^tax must not be more than was paid/);
    expect(() => netOfSale(usd(100), money(1, 'EUR'))).toThrow(/^tax must be in the payment's currency, USD/);
  });

  it('gives the instructor 70 % of 19.99 rounded to the nearest cent and the platform the rest', () => {
    expect(splitNet(usd(1999), 7000)).toEqual({
      net: usd(1999),
      instructorBps: 7000,
      instructor: usd(1399),
      platform: usd(600),
    });
  });

  it('sends a half cent to the even cent, up or down', () => {
    expect(splitNet(usd(5), 7000).instructor).toEqual(usd(4)); // 3.5 → 4
    expect(splitNet(usd(15), 7000).instructor).toEqual(usd(10)); // 10.5 → 10
    expect(splitNet(usd(15), 7000).platform).toEqual(usd(5));
  });

  it('rounds in the currency’s own minor unit: yen and fils', () => {
    expect(splitNet(money(1999, 'JPY'), 7000).instructor).toEqual(money(1399, 'JPY'));
    const bhd = splitNet(money(12_345, 'BHD'), 6500); // 8,024.25 fils
    expect([bhd.instructor.amount, bhd.platform.amount]).toEqual([8024, 4321]);
  });

  it('refuses a negative, fractional or too large net, naming it', () => {
    expect(() => splitNet({ amount: -1, currency: usd(0).currency }, 7000)).toThrow(
      /^net must not be negative/,
    );
    expect(() => splitNet({ amount: 1.5, currency: usd(0).currency }, 7000)).toThrow(/^net /);
    expect(() => splitNet({ amount: 2 ** 53, currency: usd(0).currency }, 7000)).toThrow(/^net /);
    expect(() => splitNet(usd(100), 10_000.5)).toThrow(/^instructorBps/);
  });

  it('conserves every minor unit: instructor + platform = net, each within 0..net', () => {
    fc.assert(
      fc.property(net, bps, (amount, share) => {
        const split = splitNet(amount, share);
        expect(split.instructor.amount + split.platform.amount).toBe(amount.amount);
        expect(split.instructor.amount).toBeGreaterThanOrEqual(0);
        expect(split.platform.amount).toBeGreaterThanOrEqual(0);
        // Rounded, not truncated: within half a minor unit of the exact share.
        const exact = BigInt(amount.amount) * BigInt(share);
        const off = BigInt(split.instructor.amount) * 10_000n - exact;
        expect(off <= 5_000n && off >= -5_000n).toBe(true);
      }),
    );
  });
});

describe('splitting a refund', () => {
  const sale = splitNet(usd(1999), 7000); // 13.99 instructor, 6.00 platform

  it('claws back the instructor’s proportion of a partial refund, then exactly the rest', () => {
    const first = splitRefund(sale, usd(0), usd(1000));
    expect(first).toEqual({ refunded: usd(1000), instructor: usd(700), platform: usd(300) });
    const second = splitRefund(sale, usd(1000), usd(999));
    expect(second).toEqual({ refunded: usd(999), instructor: usd(699), platform: usd(300) });
  });

  it('returns exactly the split on a full refund', () => {
    expect(splitRefund(sale, usd(0), usd(1999))).toEqual({
      refunded: usd(1999),
      instructor: usd(1399),
      platform: usd(600),
    });
  });

  it('refuses refunds past the sale’s net, in another currency, or of a split that does not add up', () => {
    expect(() => splitRefund(sale, usd(1000), usd(1000))).toThrow(
      /^refund would refund 2000 of a sale whose net is 1999/,
    );
    expect(() => splitRefund(sale, usd(0), money(100, 'EUR'))).toThrow(
      /^refund must be in the sale's currency/,
    );
    expect(() => splitRefund({ ...sale, platform: usd(601) }, usd(0), usd(1))).toThrow(
      /^sale is not a split/,
    );
  });

  const saleAndRefunds = fc
    .tuple(net, bps, fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 12 }))
    .map(([amount, share, weights]) => {
      const total = weights.reduce((s, w) => s + BigInt(w), 0n);
      // Random parts of a random refunded total, so sequences both stop short and reach the full net.
      const cap = BigInt(amount.amount);
      let left = cap;
      const parts = weights.map((w) => {
        const part = total === 0n ? 0n : (cap * BigInt(w)) / total;
        left -= part;
        return part;
      });
      return { sale: splitNet(amount, share), parts: parts.map(Number), remainder: Number(left) };
    });

  function refundAll(
    split: ReturnType<typeof splitNet>,
    parts: number[],
  ): { refunds: ReturnType<typeof splitRefund>[] } {
    const refunds: ReturnType<typeof splitRefund>[] = [];
    let before: Money = money(0, split.net.currency);
    for (const part of parts) {
      const refund = splitRefund(split, before, money(part, split.net.currency));
      refunds.push(refund);
      before = money(before.amount + part, split.net.currency);
    }
    return { refunds };
  }

  it('never claws back more than the instructor earned, and each refund splits into parts ≥ 0 that add up', () => {
    fc.assert(
      fc.property(saleAndRefunds, ({ sale: split, parts }) => {
        const { refunds } = refundAll(split, parts);
        let clawedBack = 0n;
        let platform = 0n;
        for (const refund of refunds) {
          expect(refund.instructor.amount).toBeGreaterThanOrEqual(0);
          expect(refund.platform.amount).toBeGreaterThanOrEqual(0);
          expect(refund.instructor.amount + refund.platform.amount).toBe(refund.refunded.amount);
          clawedBack += BigInt(refund.instructor.amount);
          platform += BigInt(refund.platform.amount);
        }
        expect(clawedBack <= BigInt(split.instructor.amount)).toBe(true);
        expect(platform <= BigInt(split.platform.amount)).toBe(true);
      }),
    );
  });

  it('returns exactly the original split once partial refunds reach the whole net', () => {
    fc.assert(
      fc.property(saleAndRefunds, ({ sale: split, parts, remainder }) => {
        const { refunds } = refundAll(split, [...parts, remainder]);
        const sumOf = (pick: (r: (typeof refunds)[number]) => Money) =>
          refunds.reduce((s, r) => s + BigInt(pick(r).amount), 0n);
        expect(sumOf((r) => r.instructor)).toBe(BigInt(split.instructor.amount));
        expect(sumOf((r) => r.platform)).toBe(BigInt(split.platform.amount));
      }),
    );
  });
});
