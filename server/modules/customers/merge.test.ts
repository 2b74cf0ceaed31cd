import { describe, expect, it } from 'vitest';
import type { Customer } from '../../../shared/customers/schema';
import { conflictError, mergeCustomerEdit } from './merge';

const server: Customer = {
  id: 'cus_01JD0000000000000000000000',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  country: 'GB',
  company: 'Acme',
  notes: null,
  status: 'active',
  version: 3,
  createdAt: 1,
  updatedAt: 2,
  archivedAt: null,
};

describe('mergeCustomerEdit', () => {
  it('applies a changed field whose server value is still the base', () => {
    expect(mergeCustomerEdit(server, { company: 'Acme Ltd' }, { company: 'Acme' })).toEqual({
      apply: { company: 'Acme Ltd' },
      conflicts: [],
    });
  });

  it('keeps the server value of a field the editor sent unchanged', () => {
    const merged = mergeCustomerEdit(
      { ...server, name: 'Ada King' },
      { name: 'Ada Lovelace', notes: 'VIP' },
      { name: 'Ada Lovelace', notes: null },
    );
    expect(merged).toEqual({ apply: { notes: 'VIP' }, conflicts: [] });
  });

  it('takes a field the server already holds at the new value as done', () => {
    expect(mergeCustomerEdit(server, { company: 'Acme' }, { company: 'Old' })).toEqual({
      apply: {},
      conflicts: [],
    });
  });

  it('reports a field both sides changed with both values, and applies none of the edit', () => {
    const merged = mergeCustomerEdit(
      { ...server, company: 'Theirs Inc' },
      { company: 'Mine Ltd', notes: 'VIP' },
      { company: 'Acme', notes: null },
    );
    expect(merged.conflicts).toEqual([{ field: 'company', theirs: 'Theirs Inc', yours: 'Mine Ltd' }]);
    expect(merged.apply).toEqual({ notes: 'VIP' });
  });

  it('treats null and a value as different: clearing a field someone else filled conflicts', () => {
    const merged = mergeCustomerEdit(
      { ...server, notes: 'Theirs' },
      { notes: null },
      { notes: 'Mine before' },
    );
    expect(merged.conflicts).toEqual([{ field: 'notes', theirs: 'Theirs', yours: null }]);
  });
});

describe('conflictError', () => {
  it('is a CONFLICT naming each field with its value now, and both values for the editor to choose', () => {
    const error = conflictError([
      { field: 'company', theirs: 'Theirs Inc', yours: 'Mine Ltd' },
      { field: 'notes', theirs: null, yours: 'VIP' },
    ]);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      "Someone else changed this customer's company (now “Theirs Inc”) and notes (now nothing) since you opened it. Choose which value to keep.",
    );
    expect(error.fieldErrors).toBeUndefined();
    expect(error.conflicts).toEqual([
      { field: 'company', theirs: 'Theirs Inc', yours: 'Mine Ltd' },
      { field: 'notes', theirs: null, yours: 'VIP' },
    ]);
  });
});
