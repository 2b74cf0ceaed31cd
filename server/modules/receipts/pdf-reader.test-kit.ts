/**
 * Reads back what an uncompressed pdfkit PDF says, for tests. pdfkit draws text as
 * `[<hex> kerning <hex> …] TJ`, one operator per line of text, with the hex being
 * WinAnsi bytes; decoding those is enough to check what a reader would see.
 */

// WinAnsi 0x80–0x9F differ from Latin-1; five of those bytes are unused.
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWinAnsi(hex: string): string {
  if (hex.length % 2 !== 0) throw new Error(`malformed glyph string <${hex}>: odd number of hex digits`);
  let text = '';
  for (let index = 0; index < hex.length; index += 2) {
    const byte = parseInt(hex.slice(index, index + 2), 16);
    text += byte >= 0x80 && byte <= 0x9f ? WIN_ANSI_HIGH.charAt(byte - 0x80) : String.fromCharCode(byte);
  }
  return text;
}

function textRuns(content: string): string[] {
  return [...content.matchAll(/\[([^\]]*)\] TJ/g)].map((operator) =>
    [...(operator[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => decodeWinAnsi(hex[1] ?? '')).join(''),
  );
}

/** The text lines drawn on each page, in drawing order (one content stream per page). */
export function pdfPagesText(pdf: Buffer): string[][] {
  const source = pdf.toString('latin1');
  return [...source.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((stream) => textRuns(stream[1] ?? ''));
}

/** Every text line of the document, pages joined, whitespace variants collapsed to one space. */
export function pdfText(pdf: Buffer): string {
  return pdfPagesText(pdf)
    .flat()
    .map((line) => line.replace(/\s+/g, ' '))
    .join('\n');
}

export function pdfPageCount(pdf: Buffer): number {
  return [...pdf.toString('latin1').matchAll(/\/Type \/Page\n/g)].length;
}

/** The [x y width height] MediaBox of the first page, in points. */
export function pdfPageSize(pdf: Buffer): number[] {
  const box = /\/MediaBox \[([^\]]+)\]/.exec(pdf.toString('latin1'))?.[1] ?? '';
  return box.split(' ').map(Number);
}
