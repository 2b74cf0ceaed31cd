import { describe, expect, it } from 'vitest';
import type { Customer } from '../../../shared/customers/schema';
import { changedFields, editInput, EMPTY_VALUES, validateCustomerForm, valuesFrom } from './form-values';

const ada: Customer = {
  id: 'cus_01JD0000000000000000000000',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  country: 'GB',
  company: null,
  notes: null,
  status: 'active',
  version: 3,
  createdAt: 1,
  updatedAt: 2,
  archivedAt: null,
};

describe('validateCustomerForm', () => {
  it('reports each invalid field with the shared schema’s message', () => {
    const errors = validateCustomerForm({ ...EMPTY_VALUES, name: '  ', email: 'not-an-email' });
    expect(errors.name).toBe('Name is required');
    expect(errors.email).toMatch(/valid address/);
    expect(errors.country).toBe('Choose a country');
  });

  it('accepts a complete customer', () => {
    expect(
      validateCustomerForm({ ...EMPTY_VALUES, name: 'Ada', email: 'ada@example.com', country: 'GB' }),
    ).toEqual({});
  });
});

describe('changedFields', () => {
  it('is empty when nothing changed, even if the text differs only in spacing or case', () => {
    expect(
      changedFields(ada, { ...valuesFrom(ada), name: ' Ada Lovelace ', email: 'ADA@example.com' }),
    ).toEqual({});
  });

  it('sends only what changed, with empty text as null', () => {
    const withCompany = { ...ada, company: 'Analytical Engines' };
    expect(changedFields(withCompany, { ...valuesFrom(withCompany), company: '', country: 'FR' })).toEqual({
      company: null,
      country: 'FR',
    });
  });
});

describe('editInput', () => {
  it('sends the changed fields with the values they had when the form opened', () => {
    const input = editInput(ada, { ...valuesFrom(ada), company: 'Analytical Engines', name: 'Ada' });
    expect(input).toEqual({
      id: ada.id,
      expectedVersion: 3,
      patch: { name: 'Ada', company: 'Analytical Engines' },
      base: { name: 'Ada Lovelace', company: null },
    });
  });

  it('has an empty base when nothing changed', () => {
    expect(editInput(ada, valuesFrom(ada)).base).toEqual({});
  });
});
