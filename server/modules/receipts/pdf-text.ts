import { formatMoney, type Money } from '../../../shared/money';

/**
 * PDF text goes through pdfkit's built-in Helvetica, which only has the WinAnsi
 * (Windows-1252) characters: ASCII, Latin-1 and a few typographic extras. pdfkit does
 * not check: anything else is written as a malformed glyph code that shows garbage or
 * breaks the text that follows. So every string is reduced to WinAnsi first, keeping
 * as much meaning as possible:
 *   - Latin-1 and the WinAnsi extras (€ – — ‘ ’ “ ” • … ™ Œ Š Ž…) are kept: "Zoë Müller", "José".
 *   - Unusual spaces (U+202F in French numbers, thin spaces) become no-break spaces and
 *     minus signs become "-", as Intl produces both in money and dates.
 *   - Other accented letters lose the accent via NFKD ("Łukasz" → "Lukasz", "Ő" → "O",
 *     "￥" → "¥"); a few letters NFKD leaves alone have a fixed ASCII stand-in.
 *   - Anything else (CJK, emoji, control characters) becomes "?".
 * The HTML receipt has no such limit and shows the original text.
 */

const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'.split('').map((char) => char.codePointAt(0)));

const STAND_INS: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
  Ŋ: 'N',
  ŋ: 'n',
  ẞ: 'SS',
  '−': '-',
  '‐': '-',
  '‑': '-',
};

function isWinAnsi(codePoint: number): boolean {
  return (
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    WIN_ANSI_EXTRAS.has(codePoint)
  );
}

function isWinAnsiText(text: string): boolean {
  for (const char of text) {
    if (!isWinAnsi(char.codePointAt(0) ?? 0)) return false;
  }
  return true;
}

function toWinAnsiChar(char: string): string {
  if (isWinAnsi(char.codePointAt(0) ?? 0)) return char;
  const standIn = STAND_INS[char];
  if (standIn !== undefined) return standIn;
  if (/[\t\n\r\f\v]/.test(char)) return ' ';
  if (/\p{Zs}/u.test(char)) return '\u00a0';
  const decomposed = char.normalize('NFKD').replace(/\p{M}/gu, '');
  return decomposed !== '' && isWinAnsiText(decomposed) ? decomposed : '?';
}

/** Reduces text to what Helvetica can draw (see the rules above); never throws. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text) out += toWinAnsiChar(char);
  return out;
}

/**
 * Money for the PDF: like formatMoney, but a currency symbol Helvetica cannot draw
 * (₹, ₩, ₽, zł…) is replaced by the ISO code, so "₹1,000.00" reads "INR 1,000.00"
 * instead of "?1,000.00".
 */
export function formatMoneyForPdf(amount: Money, locale: string): string {
  const text = formatMoney(amount, locale);
  if (isWinAnsiText(text)) return text;
  const symbol = new Intl.NumberFormat(locale, { style: 'currency', currency: amount.currency })
    .formatToParts(0)
    .find((part) => part.type === 'currency')?.value;
  // "￥" only needs its compatibility form ("¥"), which toWinAnsi applies when drawing.
  if (symbol === undefined || isWinAnsiText(symbol.normalize('NFKC')) || !text.includes(symbol)) return text;
  const [before = '', after = ''] = text.split(symbol);
  const gapBefore = /\d$/.test(before) ? '\u00a0' : '';
  const gapAfter = /^[-−\d]/.test(after) ? '\u00a0' : '';
  return `${before}${gapBefore}${amount.currency}${gapAfter}${after}`;
}
