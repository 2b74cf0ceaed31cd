import { describe, expect, it } from 'vitest';
import { indexPendingMarks, NO_PENDING } from './pending-index';

const edit = (key: string, fields: string[], label = `Edit ${key}`) =>
  ({ label, table: 'customers', key, op: 'update', fields }) as const;

describe('indexPendingMarks', () => {
  it('marks the edited fields of a row, matching replica column names to the screen’s', () => {
    const index = indexPendingMarks([edit('cus_1', ['company', 'archived_at'])]);
    expect(index.field('customers', 'cus_1', 'company')).toBe(true);
    expect(index.field('customers', 'cus_1', 'archivedAt')).toBe(true);
    expect(index.field('customers', 'cus_1', 'name')).toBe(false);
    expect(index.row('customers', 'cus_1')).toEqual(['Edit cus_1']);
  });

  it('treats every field of a new or removed row as waiting', () => {
    const index = indexPendingMarks([
      { label: 'Create Ada', table: 'customers', key: 'cus_new', op: 'insert', fields: [] },
    ]);
    expect(index.field('customers', 'cus_new', 'email')).toBe(true);
    expect(index.row('customers', 'cus_new')).toEqual(['Create Ada']);
  });

  it('keeps rows of different tables and keys apart, and lists each command once', () => {
    const index = indexPendingMarks([
      edit('cus_1', ['name'], 'Rename'),
      edit('cus_1', ['notes'], 'Rename'),
      edit('cus_1', ['notes'], 'Add a note'),
    ]);
    expect(index.row('customers', 'cus_1')).toEqual(['Rename', 'Add a note']);
    expect(index.row('customers', 'cus_2')).toEqual([]);
    expect(index.row('invoices', 'cus_1')).toEqual([]);
    expect(NO_PENDING.field('customers', 'cus_1', 'name')).toBe(false);
  });
});
