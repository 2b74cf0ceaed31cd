import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parse.test-kit';
import { BOM, csvField, csvWriter, guardFormula } from './csv';
import type { Cell, TableColumn } from './types';

const textColumn = (header: string): TableColumn => ({ header, kind: 'text', width: 10 });

async function writeCsv(columns: TableColumn[], rows: Cell[][], bom = false): Promise<string> {
  const out = new PassThrough();
  const written = buffer(out);
  const writer = csvWriter(out, columns, { bom });
  for (const row of rows) await writer.writeRow(row);
  await writer.finish();
  // Bytes, not a TextDecoder: it would drop the BOM under test.
  return (await written).toString('utf8');
}

describe('csvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['lf\nonly', '"lf\nonly"'],
    ['cr\ronly', '"cr\ronly"'],
    ['', ''],
  ])('%j → %j', (input, output) => {
    expect(csvField(input)).toBe(output);
  });
});

describe('guardFormula', () => {
  it.each(['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx'])('prefixes %j with an apostrophe', (value) => {
    expect(guardFormula(value)).toBe(`'${value}`);
  });
  it('leaves other text alone', () => {
    expect(guardFormula('Ada = 1')).toBe('Ada = 1');
  });
});

describe('csvWriter', () => {
  const columns: TableColumn[] = [
    textColumn('Name'),
    { header: 'Seats', kind: 'number', width: 5 },
    { header: 'Total', kind: 'money', width: 8 },
    { header: 'Created (UTC)', kind: 'date', width: 10 },
  ];

  it('writes a header and CRLF records; money in major units, dates ISO 8601 UTC, numbers untouched', async () => {
    const file = await writeCsv(columns, [
      ['Ada, Countess', -3, { minor: -1250, currency: 'USD' }, Date.UTC(2026, 2, 1, 9, 30)],
      ['=HYPERLINK("x")', 2, { minor: 1200, currency: 'JPY' }, null],
    ]);
    expect(file).toBe(
      'Name,Seats,Total,Created (UTC)\r\n' +
        '"Ada, Countess",-3,-12.50,2026-03-01T09:30:00.000Z\r\n' +
        '"\'=HYPERLINK(""x"")",2,1200,\r\n',
    );
  });

  it('starts with a BOM only when asked', async () => {
    expect((await writeCsv([textColumn('A')], [], true)).startsWith(`${BOM}A\r\n`)).toBe(true);
    expect((await writeCsv([textColumn('A')], [], false)).startsWith('A\r\n')).toBe(true);
  });

  it('reads back as the rows written, whatever the text (formula starts aside)', async () => {
    const safeText = fc.string({ unit: 'binary' }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(safeText, { minLength: 3, maxLength: 3 }), { maxLength: 20 }),
        async (rows) => {
          const cols = ['A', 'B', 'C'].map(textColumn);
          const file = await writeCsv(cols, rows);
          expect(parseCsv(file)).toEqual([['A', 'B', 'C'], ...rows]);
        },
      ),
    );
  });

  it('reads back a guarded cell as the original with one apostrophe before it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string(), async (start, rest) => {
        const file = await writeCsv([textColumn('A')], [[start + rest]]);
        expect(parseCsv(file)[1]).toEqual([`'${start}${rest}`]);
      }),
    );
  });

  it('keeps every byte across chunk ends, multi-byte text and a record longer than a chunk included', async () => {
    // Records of varied lengths, so chunk ends fall at every distance from a record's end.
    const wide = (n: number) => 'Zoë Müller — 東京 😀, '.repeat(1 + (n % 13));
    const rows: Cell[][] = Array.from({ length: 6_000 }, (_, n) => [`${n} ${wide(n)}`]);
    rows.splice(2_500, 0, ['é'.repeat(400_000)]);
    const file = await writeCsv([textColumn('A')], rows);
    expect(parseCsv(file)).toEqual([['A'], ...rows]);
  });

  it('holds back to the file: a slow reader still gets every row, in order', async () => {
    const out = new PassThrough({ highWaterMark: 16 });
    const writer = csvWriter(out, [textColumn('N')], { bom: false });
    const written = buffer(out);
    for (let n = 0; n < 20_000; n += 1) await writer.writeRow([`row ${n}`]);
    await writer.finish();
    const records = parseCsv((await written).toString('utf8'));
    expect(records).toHaveLength(20_001);
    expect(records[20_000]).toEqual(['row 19999']);
  });
});
