import { describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import { formatMoneyForPdf, toWinAnsi } from './pdf-text';

describe('toWinAnsi', () => {
  it('keeps Latin-1 names and the WinAnsi currency signs as they are', () => {
    expect(toWinAnsi('Zoë Müller, José, Ødegård, Œuvre')).toBe('Zoë Müller, José, Ødegård, Œuvre');
    expect(toWinAnsi('€ £ ¥ “quoted” — Visa •••• 4242')).toBe('€ £ ¥ “quoted” — Visa •••• 4242');
  });

  it('drops accents Helvetica cannot draw and spells out letters without a decomposition', () => {
    expect(toWinAnsi('Łukasz Wałęsa')).toBe('Lukasz Walesa');
    expect(toWinAnsi('Őrség Đorđe Ştefan')).toBe('Orség Dorde Stefan');
    expect(toWinAnsi('￥1,000')).toBe('¥1,000');
  });

  it('turns the spaces and minus signs Intl emits into ones Helvetica has', () => {
    expect(toWinAnsi('1\u202f234,50\u00a0€')).toBe('1\u00a0234,50\u00a0€');
    expect(toWinAnsi('\u22121\u00a0234,50 kr')).toBe('-1\u00a0234,50 kr');
    expect(toWinAnsi('line one\nline\ttwo')).toBe('line one line two');
  });

  it('replaces what has no Latin form with a question mark per character', () => {
    expect(toWinAnsi('山田 太郎')).toBe('?? ??');
    expect(toWinAnsi('Thanks 🙂')).toBe('Thanks ?');
    expect(toWinAnsi('bell\u0007 \u0085')).toBe('bell? ?');
  });
});

describe('formatMoneyForPdf', () => {
  it('keeps symbols Helvetica can draw', () => {
    expect(formatMoneyForPdf(money(12_450, 'EUR'), 'de-DE')).toBe('124,50\u00a0€');
    expect(formatMoneyForPdf(money(12_450, 'GBP'), 'en-GB')).toBe('£124.50');
    expect(formatMoneyForPdf(money(12_450, 'JPY'), 'en-US')).toBe('¥12,450');
  });

  it('writes the ISO code where the symbol would be unreadable', () => {
    expect(formatMoneyForPdf(money(100_000, 'INR'), 'en-IN')).toBe('INR\u00a01,000.00');
    expect(formatMoneyForPdf(money(-500, 'INR'), 'en-IN')).toBe('-INR\u00a05.00');
    expect(formatMoneyForPdf(money(12_450, 'KRW'), 'ko-KR')).toBe('KRW\u00a012,450');
    expect(formatMoneyForPdf(money(123_456, 'PLN'), 'pl-PL')).toBe('1234,56\u00a0PLN');
  });
});
