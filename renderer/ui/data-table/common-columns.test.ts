import { describe, expect, it } from 'vitest';
import { codeColumn, dateColumn, idColumn } from './common-columns';

interface Row {
  id: string;
  at: number;
  currency: string;
}

describe('ready-made columns', () => {
  it('show dates right-aligned unless tuned', () => {
    const column = dateColumn<Row>('at', 'Created', (r) => r.at);
    expect(column).toMatchObject({ align: 'right', minWidth: 140, grow: 0 });
    expect(
      dateColumn<Row>('at', 'Date', (r) => r.at, { align: 'left', sortField: 'createdAt' }),
    ).toMatchObject({ align: 'left', sortField: 'createdAt' });
  });

  it('take an export mapping as tuning; the id column starts hidden', () => {
    const currency = codeColumn<Row>('currency', 'Currency', (r) => r.currency, { exportAs: ['ccy'] });
    expect(currency).toMatchObject({ id: 'currency', exportAs: ['ccy'] });
    const id = idColumn<Row>();
    expect(id).toMatchObject({ id: 'id', header: 'ID', defaultHidden: true, minWidth: 270 });
  });
});
