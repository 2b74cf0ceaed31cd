import { z } from 'zod';
import { isPriceCurrency } from '../catalog/currencies';
import { normalizeRate } from './fx';

/** Inputs of the analytics settings and FX rate procedures (server/modules/analytics/router.ts). */

/** The setting's longest wait: a year past due. */
export const MAX_PAST_DUE_CHURN_DAYS = 365;
export const MAX_FINANCE_PACK_RECIPIENTS = 20;
/** A CSV of rates is at most this long (about 30,000 lines). */
export const MAX_FX_CSV_CHARS = 1_000_000;

export const currencyCode = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .toUpperCase()
    .refine((code) => /^[A-Z]{3}$/.test(code) && isPriceCurrency(code), {
      error: `${label} must be an ISO 4217 code like USD or EUR`,
    });

const recipient = z
  .string({ error: 'A recipient must be text' })
  .trim()
  .max(254, { error: 'A recipient must be at most 254 characters' })
  .toLowerCase()
  .pipe(z.email({ error: 'Each recipient must be a valid address, like ada@example.com' }));

export const analyticsSettingsInput = z.strictObject({
  reportingCurrency: currencyCode('Reporting currency'),
  /** Null: past-due subscriptions count until they end. */
  pastDueChurnDays: z
    .number({ error: 'Past-due days must be a number' })
    .int({ error: 'Past-due days must be a whole number' })
    .min(1, { error: 'Past-due days must be at least 1' })
    .max(MAX_PAST_DUE_CHURN_DAYS, { error: `Past-due days must be at most ${MAX_PAST_DUE_CHURN_DAYS}` })
    .nullable(),
  financePackRecipients: z
    .array(recipient, { error: 'Recipients must be a list of addresses' })
    .max(MAX_FINANCE_PACK_RECIPIENTS, { error: `At most ${MAX_FINANCE_PACK_RECIPIENTS} recipients` }),
});
export type AnalyticsSettingsInput = z.infer<typeof analyticsSettingsInput>;

/** A day as 'YYYY-MM-DD' that exists in the calendar. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export const fxDay = z
  .string({ error: 'Day must be text' })
  .trim()
  .refine(isDay, { error: 'Day must be a date like 2026-01-31' });

export const fxRateText = z
  .string({ error: 'Rate must be text' })
  .trim()
  .refine((text) => normalizeRate(text) !== null, {
    error:
      'Rate must be a positive decimal number like 1.0832 (at most 6 digits before the point and 12 after)',
  });

export const fxRateInput = z
  .strictObject({
    day: fxDay,
    base: currencyCode('Base currency'),
    quote: currencyCode('Quote currency'),
    rate: fxRateText,
  })
  .refine((input) => input.base !== input.quote, {
    error: 'Base and quote currencies must differ',
    path: ['quote'],
  });
export type FxRateInput = z.infer<typeof fxRateInput>;

export const fxListInput = z.strictObject({
  base: currencyCode('Base currency').nullish(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const fxImportInput = z.strictObject({
  csv: z
    .string({ error: 'The file must be text' })
    .max(MAX_FX_CSV_CHARS, { error: 'The file is too long: at most 1,000,000 characters' }),
});

export const rebuildInput = z.strictObject({}).default({});
