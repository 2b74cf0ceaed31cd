import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RECEIPT_HTML_CSP, renderReceiptHtml } from './html';
import { oneOffLine, sampleReceipt } from './receipts.test-kit';
import type { ReceiptData } from './types';

/** What a reader sees: tags dropped, entities decoded, whitespace collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, ' ')
    .replace(/<title>[\s\S]*?<\/title>/, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function withInvoice(invoice: Partial<ReceiptData['invoice']>, rest: Partial<ReceiptData> = {}): ReceiptData {
  const base = sampleReceipt();
  return { ...base, ...rest, invoice: { ...base.invoice, ...invoice } };
}

const refund = {
  id: 're_1',
  amount: 2_000,
  reason: 'requested_by_customer',
  refundedAt: Date.UTC(2025, 2, 10),
};

describe('renderReceiptHtml', () => {
  it('is a standalone document that loads and runs nothing', () => {
    const html = renderReceiptHtml(sampleReceipt());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\b(src|href)=|url\(/i);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('pins its exact stylesheet in its CSP, so browsers apply it', () => {
    const html = renderReceiptHtml(sampleReceipt());
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    expect(RECEIPT_HTML_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(html).toContain(`content="${RECEIPT_HTML_CSP.replace(/'/g, '&#39;')}"`);
  });

  it('escapes every string that comes from data', () => {
    const base = sampleReceipt();
    const hostile = '<script>alert("x")</script>';
    const html = renderReceiptHtml({
      ...base,
      business: { name: `Tom & Jerry's ${hostile}`, email: '"quoted"@example.test', addressLines: [hostile] },
      customer: { ...base.customer, name: `"Bob" & 'Alice' ${hostile}`, company: '<b>Bold</b> Ltd' },
      lines: base.lines.map((line) => ({
        ...line,
        description: `<img src=x onerror=alert(1)> ${line.description}`,
      })),
      payments: base.payments.map((payment) => ({ ...payment, method: hostile, status: hostile })),
      refunds: [{ ...refund, reason: hostile }],
    });
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const text = visibleText(html);
    expect(text).toContain(`Tom & Jerry's ${hostile}`);
    expect(text).toContain(`"Bob" & 'Alice' ${hostile}`);
    expect(text).toContain('<img src=x onerror=alert(1)> Growth plan');
  });

  it('refuses a locale or time zone that is not one, naming it', () => {
    expect(() => renderReceiptHtml({ ...sampleReceipt(), locale: 'en-US"><script>' })).toThrow(
      /locale "en-US"><script>" is not a BCP 47 language tag/,
    );
    expect(() => renderReceiptHtml({ ...sampleReceipt(), timeZone: 'Mars/Olympus' })).toThrow(
      /time zone "Mars\/Olympus" is not an IANA time zone/,
    );
  });

  it('shows a paid receipt with its totals and no refund or credit rows', () => {
    const text = visibleText(renderReceiptHtml(sampleReceipt()));
    expect(text).toContain('Receipt Paid');
    expect(text).toContain('Invoice number INV-2025-0042');
    expect(text).toContain('$124.50 paid on Mar 3, 2025');
    expect(text).toContain('Subtotal $124.50 Total $124.50 Amount paid $124.50 Amount due $0.00');
    expect(text).not.toContain('Credit applied');
    expect(text).not.toContain('Refunds');
    expect(text).toContain('Payments Date Method Status Amount Mar 3, 2025 Visa •••• 4242 Succeeded $124.50');
    expect(text).toContain('Billed to Zoë Müller Müller & Söhne GmbH zoe@example.test Germany');
  });

  it('marks a partly refunded invoice and lists the refund', () => {
    const data = withInvoice({ amountRefunded: 2_000 }, { refunds: [refund] });
    const text = visibleText(renderReceiptHtml(data));
    expect(text).toContain('Receipt Partially refunded');
    expect(text).toContain('Amount paid $124.50 Amount refunded $20.00 Amount due $0.00');
    expect(text).toContain('Refunds Date Reason Amount Mar 10, 2025 Requested by customer $20.00');
  });

  it('marks an invoice refunded once refunds cover what was paid', () => {
    const data = withInvoice({ amountRefunded: 12_450 }, { refunds: [{ ...refund, amount: 12_450 }] });
    const text = visibleText(renderReceiptHtml(data));
    expect(text).toContain('Receipt Refunded');
    expect(text).toContain('Amount refunded $124.50');
  });

  it('shows credit applied as a deduction before the total', () => {
    const data = withInvoice({ creditApplied: 1_000, total: 11_450, amountPaid: 11_450 });
    const text = visibleText(renderReceiptHtml(data));
    expect(text).toContain('Subtotal $124.50 Credit applied -$10.00 Total $114.50 Amount paid $114.50');
  });

  it('shows negative line amounts for prorations and credits', () => {
    const text = visibleText(renderReceiptHtml(sampleReceipt()));
    expect(text).toContain('Unused time on Starter plan Proration · Mar 15 – Apr 1, 2025 1 -$5.00 -$5.00');
  });

  it('formats euros the German way', () => {
    const data = withInvoice({ currency: 'EUR' }, { locale: 'de-DE' });
    const text = visibleText(renderReceiptHtml(data));
    expect(text).toContain('Total 124,50 € Amount paid 124,50 €');
    expect(text).toContain('Billing period 01.03. – 01.04.2025');
    expect(text).toContain('Date issued 01.03.2025');
    expect(text).toContain('Deutschland');
    expect(text).toContain('-5,00 €');
  });

  it('shows yen without decimals', () => {
    const data = withInvoice(
      { currency: 'JPY', subtotal: 12_450, total: 12_450, amountPaid: 12_450 },
      { lines: [oneOffLine('Growth plan', 12_450)] },
    );
    const text = visibleText(renderReceiptHtml(data));
    expect(text).toContain('Total ¥12,450');
    expect(text).not.toContain('¥124.50');
  });

  it('formats billing periods as date ranges in the receipt time zone', () => {
    const text = visibleText(renderReceiptHtml(sampleReceipt()));
    expect(text).toContain('Billing period Mar 1 – Apr 1, 2025');
    expect(text).toContain('Growth plan Mar 1 – Apr 1, 2025');

    const pacific = visibleText(renderReceiptHtml({ ...sampleReceipt(), timeZone: 'America/Los_Angeles' }));
    expect(pacific).toContain('Date issued Feb 28, 2025');
    expect(pacific).toContain('Billing period Feb 28 – Mar 31, 2025');
  });

  it('leaves out a billing period the invoice does not have, and shows half-open ones', () => {
    const base = sampleReceipt();
    const data = withInvoice(
      { periodStart: null, periodEnd: null },
      { lines: base.lines.map((line) => ({ ...line, periodEnd: null })) },
    );
    const text = visibleText(renderReceiptHtml(data));
    expect(text).not.toContain('Billing period');
    expect(text).toContain('Growth plan From Mar 1, 2025');
  });

  it('says what is due on an open invoice and that a void one was voided', () => {
    const open = visibleText(
      renderReceiptHtml(withInvoice({ status: 'open', paidAt: null, amountPaid: 0, amountDue: 12_450 })),
    );
    expect(open).toContain('Receipt Open');
    expect(open).toContain('$124.50 due');
    expect(open).not.toContain('Date paid');
    const voided = visibleText(
      renderReceiptHtml(withInvoice({ status: 'void', paidAt: null, amountPaid: 0 })),
    );
    expect(voided).toContain('Receipt Void');
    expect(voided).toContain('This invoice was voided');
  });
});
