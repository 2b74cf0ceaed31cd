import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfWriter } from './pdf';
import { FIRST_PAGE_ROWS, OTHER_PAGE_ROWS, pageCount } from './pdf-layout';
import { pdfPages } from './pdf-text.test-kit';
import type { Cell, TableColumn } from './types';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tollgate-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const columns: TableColumn[] = [
  { header: 'Number', kind: 'text', width: 12 },
  { header: 'Customer', kind: 'text', width: 16 },
  { header: 'Total', kind: 'money', width: 10 },
  { header: 'Issued (UTC)', kind: 'date', width: 14 },
];
const GENERATED = Date.UTC(2026, 11, 7, 10, 30);

async function writePdf(name: string, rows: Cell[][]): Promise<string[]> {
  const file = join(dir, name);
  const writer = pdfWriter(createWriteStream(file), columns, {
    workspace: 'Lumen Academy',
    title: 'Invoices',
    filters: 'Status: paid',
    generatedAt: GENERATED,
    rows: rows.length,
  });
  for (const row of rows) await writer.writeRow(row);
  await writer.finish();
  return pdfPages(file);
}

const invoice = (n: number): Cell[] => [
  `INV-${String(n).padStart(6, '0')}`,
  n === 0 ? 'Zoë Müller' : `Customer ${n}`,
  { minor: 1999 + n, currency: 'EUR' },
  Date.UTC(2026, 0, 1) + n * 60_000,
];

describe('pdfWriter', () => {
  it('prints the heading, and every row once across pages whose header repeats, numbered n of m', async () => {
    const rows = Array.from({ length: FIRST_PAGE_ROWS + OTHER_PAGE_ROWS + 3 }, (_, n) => invoice(n));
    const pages = await writePdf('many.pdf', rows);
    expect(pages).toHaveLength(3);
    expect(pageCount(rows.length)).toBe(3);
    expect(pages[0]).toContain('Lumen Academy');
    expect(pages[0]).toContain('Filters: Status: paid');
    expect(pages[0]).toContain('Generated 2026-12-07 10:30 UTC');
    pages.forEach((page, index) => {
      expect(page).toMatch(/Number\s+Customer\s+Total\s+Issued \(UTC\)/);
      expect(page).toContain(`Page ${index + 1} of 3`);
    });
    const printed = pages.join('\n').match(/INV-\d{6}/g);
    expect(printed).toEqual(rows.map((row) => row[0]));
    expect(pages[0]).toMatch(/INV-000000\s+Zoë Müller\s+19\.99 EUR\s+2026-01-01 00:00/);
  });

  it('has one page with its header for an empty view', async () => {
    const pages = await writePdf('empty.pdf', []);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('0 rows');
    expect(pages[0]).toContain('Page 1 of 1');
  });

  it('cuts a cell too long for its column with an ellipsis instead of overflowing', async () => {
    const long = `Customer ${'with a very long name '.repeat(10)}`;
    const pages = await writePdf('long.pdf', [[`INV-000001`, long, null, null]]);
    expect(pages[0]).toContain('Customer with a very long');
    expect(pages[0]).not.toContain(long.trim());
    expect(pages[0]).toContain('…');
  });

  it('leaves out a column marked not printed, header and cells', async () => {
    const file = join(dir, 'unprinted.pdf');
    const withId: TableColumn[] = [...columns, { header: 'ID', kind: 'text', width: 30, printed: false }];
    const writer = pdfWriter(createWriteStream(file), withId, {
      workspace: 'Lumen Academy',
      title: 'Invoices',
      filters: 'None',
      generatedAt: GENERATED,
      rows: 1,
    });
    await writer.writeRow([...invoice(1), 'inv_01JD00000000000000000SECRET']);
    await writer.finish();
    const [page] = await pdfPages(file);
    expect(page).toContain('INV-000001');
    expect(page).not.toContain('SECRET');
    expect(page).not.toMatch(/\bID\b/);
  });
  it('keeps every printed cell under its own header when a column left off sits between them', async () => {
    const file = join(dir, 'unprinted-middle.pdf');
    const [number, ...rest] = columns;
    const idSecond: TableColumn[] = [
      number as TableColumn,
      { header: 'ID', kind: 'text', width: 30, printed: false },
      ...rest,
    ];
    const writer = pdfWriter(createWriteStream(file), idSecond, {
      workspace: 'Lumen Academy',
      title: 'Invoices',
      filters: 'None',
      generatedAt: GENERATED,
      rows: 1,
    });
    const [first, ...others] = invoice(7);
    await writer.writeRow([first ?? null, 'inv_01JD00000000000000000SECRET', ...others]);
    await writer.finish();
    const [page] = await pdfPages(file);
    expect(page).not.toContain('SECRET');
    expect(page).toMatch(/INV-000007\s+Customer 7\s+20\.06 EUR/);
  });
});
