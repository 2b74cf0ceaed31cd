import { describe, expect, it } from 'vitest';
import { codeColumn, dateColumn, idColumn } from './common-columns';

interface Row {
  id: string;
  at: number;
  currency: string;
}
const row: Row = { id: 'inv_01ABC', at: Date.UTC(2026, 10, 21, 9, 30), currency: 'EUR' };

describe('ready-made columns', () => {
  it('export dates as ISO timestamps, right-aligned unless tuned', () => {
    const column = dateColumn<Row>('at', 'Created', (r) => r.at);
    expect(column.exportValue(row)).toBe('2026-11-21T09:30:00.000Z');
    expect(column).toMatchObject({ align: 'right', minWidth: 140, grow: 0 });
    expect(
      dateColumn<Row>('at', 'Date', (r) => r.at, { align: 'left', sortField: 'createdAt' }),
    ).toMatchObject({ align: 'left', sortField: 'createdAt' });
  });

  it('export codes and ids as they are; the id column starts hidden', () => {
    expect(codeColumn<Row>('currency', 'Currency', (r) => r.currency).exportValue(row)).toBe('EUR');
    const id = idColumn<Row>();
    expect(id).toMatchObject({ id: 'id', header: 'ID', defaultHidden: true, minWidth: 270 });
    expect(id.exportValue(row)).toBe('inv_01ABC');
  });
});
