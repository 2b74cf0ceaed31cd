import { describe, expect, it } from 'vitest';
import { entryLines, entryTitle, type TimelineEntry } from './timeline-text';

type Line = Pick<TimelineEntry, 'kind' | 'detail' | 'money' | 'changes'>;
const line = (kind: Line['kind'], detail: Line['detail'] = {}, money: Line['money'] = null): Line => ({
  kind,
  detail,
  money,
  changes: [],
});

describe('timeline text', () => {
  it('names customer events as before', () => {
    expect(entryTitle(line('customer.created'))).toBe('Created');
    expect(entryTitle(line('customer.archived'))).toBe('Archived');
  });

  it('describes each changed field of an update, showing empty as a dash and countries by name', () => {
    const lines = entryLines({
      ...line('customer.updated'),
      changes: [
        { field: 'company', before: null, after: 'Acme' },
        { field: 'country', before: 'DE', after: 'FR' },
      ],
    });
    expect(lines[0]).toBe('Company: — → Acme');
    expect(lines[1]).toMatch(/^Country: .+ → .+$/);
    expect(lines[1]).not.toContain('DE →');
  });

  it('formats money in its own currency', () => {
    expect(entryTitle(line('payment.succeeded', {}, { amount: 999, currency: 'USD' }))).toBe(
      'Payment of $9.99 succeeded',
    );
    expect(
      entryTitle(line('invoice.issued', { number: 'INV-000042' }, { amount: 2000, currency: 'EUR' })),
    ).toBe('Invoice INV-000042 issued for €20.00');
    expect(entryTitle(line('payment.failed', {}, { amount: 1000, currency: 'JPY' }))).toBe(
      'Payment of ¥1,000 failed',
    );
  });

  it('says whether a refund was full or partial, with its amount', () => {
    expect(entryTitle(line('refund.succeeded', { full: false }, { amount: 300, currency: 'USD' }))).toBe(
      'Refunded $3.00 (partial)',
    );
    expect(entryTitle(line('refund.succeeded', { full: true }, { amount: 999, currency: 'USD' }))).toBe(
      'Refunded $9.99 in full',
    );
  });

  it('shows a plan change from → to, with quantities other than one', () => {
    expect(
      entryTitle(
        line('subscription.plan_changed', {
          fromPlan: 'Pro (monthly)',
          toPlan: 'Enterprise (monthly)',
          fromQuantity: 1,
          toQuantity: 2,
        }),
      ),
    ).toBe('Plan changed: Pro (monthly) → Enterprise (monthly) × 2');
  });

  it('names cards by brand and last four, and says when they stop working', () => {
    const visa = { brand: 'visa', last4: '4242', expMonth: 3, expYear: 2027 };
    expect(entryTitle(line('card.added', visa))).toBe('Card Visa •••• 4242 added');
    expect(entryTitle(line('card.default', visa))).toBe('Card Visa •••• 4242 made the default');
    expect(entryLines(line('card.expiring', visa))).toEqual(['Valid through 03/2027']);
  });

  it('tells when recovery tries again, and why an email was not sent', () => {
    const retry = line(
      'recovery.retry_failed',
      { attempts: 2, nextAttemptAt: Date.UTC(2026, 0, 30) },
      { amount: 999, currency: 'USD' },
    );
    expect(entryTitle(retry)).toBe('Retry 2 of $9.99 failed');
    expect(entryLines(retry)).toEqual(['Next retry on Jan 30, 2026']);
    const held = line('email.held', {
      subject: 'Receipt for INV-1',
      problem: 'Not sent: no SMTP server is configured',
    });
    expect(entryTitle(held)).toBe('Email not sent (held): Receipt for INV-1');
    expect(entryLines(held)).toEqual(['Not sent: no SMTP server is configured']);
  });

  it('lists nothing under a creation', () => {
    expect(entryLines(line('customer.created'))).toEqual([]);
  });
});
