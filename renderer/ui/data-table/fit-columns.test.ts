import { describe, expect, it } from 'vitest';
import { fitColumns } from './fit-columns';

const col = (id: string, minWidth: number, extra: { hideable?: boolean; fitPriority?: number } = {}) => ({
  id,
  minWidth,
  ...extra,
});

describe('fitColumns', () => {
  const columns = [
    col('name', 200, { hideable: false }),
    col('email', 200),
    col('country', 150),
    col('created', 120),
  ];

  it('keeps every column when they fit', () => {
    expect(fitColumns(columns, 700).map((c) => c.id)).toEqual(['name', 'email', 'country', 'created']);
  });

  it('drops the right-most hideable columns until the rest fit', () => {
    expect(fitColumns(columns, 560).map((c) => c.id)).toEqual(['name', 'email', 'country']);
    expect(fitColumns(columns, 400).map((c) => c.id)).toEqual(['name', 'email']);
  });

  it('drops lower priorities first, and never the column that names the row', () => {
    const ranked = [
      col('name', 200, { hideable: false }),
      col('email', 200),
      col('created', 120, { fitPriority: 1 }),
    ];
    expect(fitColumns(ranked, 400).map((c) => c.id)).toEqual(['name', 'created']);
    expect(fitColumns(ranked, 100).map((c) => c.id)).toEqual(['name']);
  });

  it('leaves the columns alone before the width is known', () => {
    expect(fitColumns(columns, 0)).toHaveLength(4);
  });
});
