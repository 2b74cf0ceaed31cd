import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderReceiptPdf } from './pdf';
import { pdfPageCount, pdfPageSize, pdfPagesText, pdfText } from './pdf-reader.test-kit';
import { receiptWithLines, sampleReceipt } from './receipts.test-kit';

const readable = { compress: false } as const;

afterEach(() => {
  vi.useRealTimers();
});

describe('renderReceiptPdf', () => {
  it('produces a PDF file', async () => {
    const pdf = await renderReceiptPdf(sampleReceipt());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('gives the same bytes for the same data, whenever it runs', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2030, 0, 1));
    const first = await renderReceiptPdf(sampleReceipt());
    vi.setSystemTime(Date.UTC(2031, 6, 15));
    const second = await renderReceiptPdf(sampleReceipt());
    expect(first.equals(second)).toBe(true);
  });

  it('records title, author and the issue date as metadata', async () => {
    const source = (await renderReceiptPdf(sampleReceipt(), readable)).toString('latin1');
    expect(source).toContain('(Receipt INV-2025-0042)');
    expect(source).toContain('(Acme Analytics, Inc.)');
    expect(source).toContain('(D:20250301000000Z)');
  });

  it('shows the invoice, the customer, every line and the totals', async () => {
    const data = sampleReceipt();
    const text = pdfText(await renderReceiptPdf(data, readable));
    expect(text).toContain('INV-2025-0042');
    expect(text).toContain('Zoë Müller');
    expect(text).toContain('Müller & Söhne GmbH');
    expect(text).toContain('Germany');
    for (const line of data.lines) expect(text).toContain(line.description);
    expect(text).toContain('Total\n$124.50');
    expect(text).toContain('-$5.00');
    expect(text).toContain('Paid');
    expect(text).toContain('Visa •••• 4242');
    expect(text).toContain('Page 1 of 1');
  });

  it('formats money and dates in the receipt locale', async () => {
    const base = sampleReceipt();
    const euro = sampleReceipt({ locale: 'de-DE', invoice: { ...base.invoice, currency: 'EUR' } });
    const text = pdfText(await renderReceiptPdf(euro, readable));
    expect(text).toContain('Total\n124,50 €');
    expect(text).toContain('01.03.2025');
    expect(text).toContain('Deutschland');
  });

  it('draws names outside WinAnsi legibly instead of as broken glyph codes', async () => {
    const base = sampleReceipt();
    const data = sampleReceipt({
      customer: { ...base.customer, name: 'Łukasz José Ødegård', company: '株式会社 Example' },
      invoice: { ...base.invoice, currency: 'INR' },
      locale: 'en-IN',
    });
    // decoding throws on a malformed (odd-length) glyph string, which is what pdfkit
    // writes for a character Helvetica does not have
    const text = pdfText(await renderReceiptPdf(data, readable));
    expect(text).toContain('Lukasz José Ødegård');
    expect(text).toContain('???? Example');
    expect(text).toContain('INR 124.50');
  });

  it('rejects, naming the problem, when the locale is not one', async () => {
    await expect(renderReceiptPdf({ ...sampleReceipt(), locale: 'not a locale' })).rejects.toThrow(
      'receipt locale "not a locale" is not a BCP 47 language tag',
    );
  });

  it('fits a short receipt on one page', async () => {
    const pdf = await renderReceiptPdf(receiptWithLines(3), readable);
    expect(pdfPageCount(pdf)).toBe(1);
    expect(pdfText(pdf)).toContain('Page 1 of 1');
  });

  it('flows a long table over pages, repeating its header, with totals after the last line', async () => {
    const pdf = await renderReceiptPdf(receiptWithLines(80), readable);
    const pages = pdfPagesText(pdf);
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
    expect(pages).toHaveLength(pdfPageCount(pdf));

    pages.forEach((lines, index) => {
      expect(lines).toContain(`Page ${index + 1} of ${pages.length}`);
      if (lines.some((line) => line.startsWith('Usage item'))) expect(lines).toContain('DESCRIPTION');
    });
    const drawn = pages.flat();
    const descriptions = drawn.filter((line) => line.startsWith('Usage item'));
    expect(descriptions).toEqual(Array.from({ length: 80 }, (_, index) => `Usage item ${index + 1}`));
    expect(drawn.indexOf('Subtotal')).toBeGreaterThan(drawn.indexOf('Usage item 80'));
    expect(drawn).toContain('$80.00');
  });

  it('uses Letter paper where the locale does and A4 elsewhere, unless told', async () => {
    const base = sampleReceipt();
    const [width, height] = pdfPageSize(await renderReceiptPdf(base, readable)).slice(2);
    expect([width, height]).toEqual([612, 792]);
    const german = pdfPageSize(await renderReceiptPdf({ ...base, locale: 'de-DE' }, readable));
    expect(german.slice(2)).toEqual([595.28, 841.89]);
    const forced = pdfPageSize(await renderReceiptPdf(base, { ...readable, paperSize: 'A4' }));
    expect(forced.slice(2)).toEqual([595.28, 841.89]);
  });
});
