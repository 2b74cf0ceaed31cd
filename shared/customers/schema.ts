import { z } from 'zod';
import { isCountryCode } from '../countries';
import { pageInput } from '../page';

/**
 * The customer shapes shared by the server's procedures and the console's forms, so a
 * field is validated by the same rule on both sides.
 */

const trimmed = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` });

export const customerName = trimmed('Name', 200).min(1, { error: 'Name is required' });

export const customerEmail = z
  .string({ error: 'Email must be text' })
  .trim()
  .max(254, { error: 'Email must be at most 254 characters' })
  .toLowerCase()
  .pipe(z.email({ error: 'Email must be a valid address, like ada@example.com' }));

export const countryCode = z
  .string({ error: 'Country must be text' })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { error: 'Country must be an ISO 3166 code, like US or DE' });

const optionalText = (label: string, max: number) =>
  trimmed(label, max)
    .nullish()
    .transform((value) => (value ? value : null));

export const customerFields = {
  name: customerName,
  email: customerEmail,
  country: countryCode,
  company: optionalText('Company', 200),
  notes: optionalText('Notes', 2000),
};

export const customerCreateInput = z.strictObject(customerFields);
export type CustomerCreateInput = z.input<typeof customerCreateInput>;

export const customerId = z
  .string({ error: 'Customer id must be text' })
  .regex(/^cus_[0-9A-Z]{26}$/, { error: 'Customer id must look like cus_…' });

/** The fields an edit can change, with the rules a new value must meet. */
export const customerPatch = z
  .strictObject({
    name: customerFields.name.optional(),
    email: customerFields.email.optional(),
    country: customerFields.country.optional(),
    company: customerFields.company.optional(),
    notes: customerFields.notes.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { error: 'Nothing to change' });

export const CUSTOMER_EDITABLE_FIELDS = ['name', 'email', 'country', 'company', 'notes'] as const;
export type CustomerEditableField = (typeof CUSTOMER_EDITABLE_FIELDS)[number];

/**
 * A value the editor started from. It was the server's, so it is not held to today's rules
 * (an imported name may be longer than a new one may be); it is only brought to the form the
 * server stores (trimmed, an empty text as null, email lower-case, country upper-case), so a
 * form that shows null as "" still compares equal.
 */
const baseText = (normalise: (text: string) => string) =>
  z
    .string({ error: 'A base value must be text' })
    .max(10_000, { error: 'A base value must be at most 10000 characters' })
    .transform(normalise);
const baseOptionalText = z
  .string({ error: 'A base value must be text or null' })
  .max(10_000, { error: 'A base value must be at most 10000 characters' })
  .nullish()
  .transform((value) => (value?.trim() ? value.trim() : null));

export const customerBase = z.strictObject({
  name: baseText((t) => t.trim()).optional(),
  email: baseText((t) => t.trim().toLowerCase()).optional(),
  country: baseText((t) => t.trim().toUpperCase()).optional(),
  company: baseOptionalText.optional(),
  notes: baseOptionalText.optional(),
});
export type CustomerBase = z.output<typeof customerBase>;

export const customerUpdateInput = z
  .strictObject({
    id: customerId,
    /**
     * The version the editor started from; a newer one on the server means someone else
     * changed it. Used only without `base` (REST, older consoles).
     */
    expectedVersion: z.number().int().positive().optional(),
    /**
     * The value each changed field had when the editor opened it. With it the server merges
     * per field: a field applies when nobody else changed it meanwhile (docs/decisions.md 101).
     */
    base: customerBase.optional(),
    patch: customerPatch,
  })
  .refine((input) => input.base !== undefined || input.expectedVersion !== undefined, {
    path: ['expectedVersion'],
    error: 'Send the version the edit started from, or the base values of the fields it changes',
  })
  .refine(
    ({ base, patch }) =>
      !base || Object.keys(patch).every((field) => base[field as keyof typeof base] !== undefined),
    { path: ['base'], error: 'Name the value each changed field started from' },
  );
export type CustomerUpdateInput = z.input<typeof customerUpdateInput>;

export const CUSTOMER_STATUSES = ['active', 'archived'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const CUSTOMER_SORT_FIELDS = ['name', 'email', 'country', 'createdAt'] as const;
export type CustomerSortField = (typeof CUSTOMER_SORT_FIELDS)[number];

export const customerListInput = z.strictObject({
  search: z.string().trim().max(200, { error: 'Search must be at most 200 characters' }).default(''),
  status: z.enum([...CUSTOMER_STATUSES, 'all']).default('active'),
  country: countryCode.nullish(),
  sort: z
    .strictObject({
      field: z.enum(CUSTOMER_SORT_FIELDS),
      direction: z.enum(['asc', 'desc']),
    })
    .default({ field: 'createdAt', direction: 'desc' }),
  /** Opaque keyset cursor from the previous page. */
  ...pageInput({ max: 1000, default: 100 }),
});
export type CustomerListInput = z.input<typeof customerListInput>;

/** A customer as procedures return it: times are UTC epoch milliseconds. */
export interface Customer {
  id: string;
  name: string;
  email: string;
  country: string;
  company: string | null;
  notes: string | null;
  status: CustomerStatus;
  version: number;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
}
