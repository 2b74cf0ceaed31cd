import type { z } from 'zod';
import { customerCreateInput, type Customer } from '../../../shared/customers/schema';

/** What the form holds: text as typed, country unset until chosen. */
export interface CustomerFormValues {
  name: string;
  email: string;
  country: string | null;
  company: string;
  notes: string;
}

type CustomerFields = z.output<typeof customerCreateInput>;

export const EMPTY_VALUES: CustomerFormValues = {
  name: '',
  email: '',
  country: null,
  company: '',
  notes: '',
};

export function valuesFrom(customer: Customer): CustomerFormValues {
  return {
    name: customer.name,
    email: customer.email,
    country: customer.country,
    company: customer.company ?? '',
    notes: customer.notes ?? '',
  };
}

const toInput = (values: CustomerFormValues) => ({ ...values, country: values.country ?? '' });

/**
 * Checks the form with the same schema the server uses, so the user sees the server's
 * rules before sending. Returns the first problem per field, as Mantine forms expect.
 */
export function validateCustomerForm(values: CustomerFormValues): Record<string, string> {
  const parsed = customerCreateInput.safeParse(toInput(values));
  const errors: Record<string, string> = {};
  if (!values.country) errors.country = 'Choose a country';
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.') || '_';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The normalized fields (trimmed, email lower-cased, empty optional text as null). */
export function parseCustomerForm(values: CustomerFormValues): CustomerFields {
  return customerCreateInput.parse(toInput(values));
}

/** Only the fields the user actually changed, compared after normalization. */
export function changedFields(customer: Customer, values: CustomerFormValues): Partial<CustomerFields> {
  const next = parseCustomerForm(values);
  const patch: Partial<CustomerFields> = {};
  for (const key of Object.keys(next) as (keyof CustomerFields)[]) {
    if (next[key] !== customer[key]) Object.assign(patch, { [key]: next[key] });
  }
  return patch;
}

/**
 * An edit as the server takes it: the changed fields, and `base` — their values when the form
 * opened — so the server merges per field (another person's change to a different field
 * stands; only a field both changed is a conflict). `expectedVersion` is for servers without the merge.
 */
export function editInput(customer: Customer, values: CustomerFormValues) {
  const patch = changedFields(customer, values);
  const base: Partial<CustomerFields> = {};
  for (const key of Object.keys(patch) as (keyof CustomerFields)[]) {
    Object.assign(base, { [key]: customer[key] });
  }
  return { id: customer.id, expectedVersion: customer.version, patch, base };
}
