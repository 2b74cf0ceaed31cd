import { z } from 'zod';
import { customerRef } from '../billing/schema';
import { MAX_PRICE_AMOUNT, priceCurrency } from '../catalog/schema';
import { customerEmail } from '../customers/schema';
import { pageInput } from '../page';
import { COURSE_STATUSES } from './publishing';

/**
 * Inputs of staff's marketplace procedures (instructors, courses, settings), shared by the server,
 * the console's forms and the REST operations to come, so a field is checked by one rule
 * everywhere. Objects are strict; every message names its field.
 */

const rowId = (prefix: string, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .regex(new RegExp(`^${prefix}_[0-9A-Z]{26}$`), { error: `${label} must look like ${prefix}_…` });

export const instructorId = rowId('ins', 'Instructor id');
export const courseId = rowId('crs', 'Course id');

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` });
const required = (label: string, max: number) => text(label, max).min(1, { error: `${label} is required` });

/** A share in basis points: 7000 is 70 % to the instructor. */
export const shareBps = (label: string) =>
  z
    .number({ error: `${label} must be a number of basis points` })
    .int({ error: `${label} must be a whole number of basis points (7000 is 70 %)` })
    .min(0, { error: `${label} cannot be negative` })
    .max(10_000, { error: `${label} must be at most 10000 (100 %)` });

const expectedVersion = z
  .number({ error: 'Expected version must be a number' })
  .int({ error: 'Expected version must be a whole number' })
  .min(1, { error: 'Expected version must be at least 1' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'Expected version is too large' });

const nonEmptyPatch = (patch: object) => Object.keys(patch).length > 0;
const isTenths = (stars: number) => Math.abs(stars * 10 - Math.round(stars * 10)) < 1e-9;

// Instructors

/** A gateway's account id (a Stripe connected account is acct_…). */
export const payoutAccountId = z
  .string({ error: 'Payout account must be text' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, {
    error: 'Payout account must be the gateway’s account id, like acct_1Nv…',
  });

export const instructorFields = {
  name: required('Name', 200),
  email: customerEmail,
  customerId: customerRef.nullish().transform((v) => v ?? null),
  payoutAccountId: payoutAccountId.nullish().transform((v) => v ?? null),
  payoutDetailsComplete: z.boolean({ error: 'Payout details complete must be true or false' }).default(false),
  shareBps: shareBps('Share')
    .nullish()
    .transform((v) => v ?? null),
  payoutHold: z.boolean({ error: 'Payout hold must be true or false' }).default(false),
};

export const instructorCreateInput = z.strictObject(instructorFields);
export type InstructorCreateInput = z.input<typeof instructorCreateInput>;
export type InstructorFields = z.output<typeof instructorCreateInput>;

export const instructorUpdateInput = z.strictObject({
  id: instructorId,
  expectedVersion,
  patch: z
    .strictObject({
      name: instructorFields.name.optional(),
      email: instructorFields.email.optional(),
      customerId: customerRef.nullable().optional(),
      payoutAccountId: payoutAccountId.nullable().optional(),
      payoutDetailsComplete: z.boolean({ error: 'Payout details complete must be true or false' }).optional(),
      shareBps: shareBps('Share').nullable().optional(),
      payoutHold: z.boolean({ error: 'Payout hold must be true or false' }).optional(),
    })
    .refine(nonEmptyPatch, { error: 'Nothing to change' }),
});
export type InstructorUpdateInput = z.input<typeof instructorUpdateInput>;

export const instructorListInput = z.strictObject({
  /** Words of the name or the start of the email. */
  search: text('Search', 200).default(''),
  ...pageInput({ max: 500, default: 100 }),
});
export type InstructorListInput = z.input<typeof instructorListInput>;

export const byInstructorId = z.strictObject({ id: instructorId });

// Courses

export const COURSE_LEVELS = ['beginner', 'intermediate', 'advanced', 'all_levels'] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];

export const courseCategory = z
  .string({ error: 'Category must be text' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    error: 'Category must be a slug of a–z 0–9 and -, like web-development',
  })
  .max(64, { error: 'Category must be at most 64 characters' });

export const courseLanguage = z
  .string({ error: 'Language must be text' })
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { error: 'Language must be a language tag, like en or pt-BR' });

export const courseLevel = z.enum(COURSE_LEVELS, {
  error: `Level must be one of ${COURSE_LEVELS.join(', ')}`,
});

/** Most currencies one course is priced in. */
export const MAX_COURSE_PRICES = 20;

export const coursePrice = z.strictObject({
  currency: priceCurrency,
  /** Minor units of the currency: 1999 is $19.99, 2000 is ¥2000. */
  amount: z
    .number({ error: 'Amount must be a number of minor units' })
    .int({ error: 'Amount must be a whole number of minor units, like 1999 for $19.99' })
    .min(0, { error: 'Amount cannot be negative' })
    .max(MAX_PRICE_AMOUNT, { error: `Amount must be at most ${MAX_PRICE_AMOUNT} minor units` }),
});

export const coursePrices = z
  .array(coursePrice, { error: 'Prices must be a list of { currency, amount }' })
  .max(MAX_COURSE_PRICES, { error: `At most ${MAX_COURSE_PRICES} prices` })
  .refine((prices) => new Set(prices.map((p) => p.currency)).size === prices.length, {
    error: 'Prices must name each currency once',
  });

export const courseFields = {
  title: required('Title', 120),
  subtitle: text('Subtitle', 200).default(''),
  description: text('Description', 20_000).default(''),
  category: courseCategory,
  level: courseLevel,
  language: courseLanguage,
  prices: coursePrices.default([]),
  shareBps: shareBps('Share')
    .nullish()
    .transform((v) => v ?? null),
};

export const courseCreateInput = z.strictObject({ instructorId, ...courseFields });
export type CourseCreateInput = z.input<typeof courseCreateInput>;
export type CourseFields = Omit<z.output<typeof courseCreateInput>, 'instructorId'>;

export const courseUpdateInput = z.strictObject({
  id: courseId,
  expectedVersion,
  patch: z
    .strictObject({
      title: courseFields.title.optional(),
      subtitle: text('Subtitle', 200).optional(),
      description: text('Description', 20_000).optional(),
      category: courseCategory.optional(),
      level: courseLevel.optional(),
      language: courseLanguage.optional(),
      /** The whole set of prices: a currency left out is no longer sold in. */
      prices: coursePrices.optional(),
      shareBps: shareBps('Share').nullable().optional(),
    })
    .refine(nonEmptyPatch, { error: 'Nothing to change' }),
});
export type CourseUpdateInput = z.input<typeof courseUpdateInput>;

export const byCourseId = z.strictObject({ id: courseId });

/** A publishing step on a course, from the version the person saw. */
export const courseStepInput = z.strictObject({ id: courseId, expectedVersion });

const reason = text('Reason', 2000);
/** A rejection says why: the instructor's app is told. */
export const courseRejectInput = z.strictObject({
  id: courseId,
  expectedVersion,
  reason: reason.min(1, { error: 'Reason is required: the instructor is told why' }),
});
/** Unpublishing may say why. */
export const courseUnpublishInput = z.strictObject({
  id: courseId,
  expectedVersion,
  reason: reason.nullish().transform((v) => (v ? v : null)),
});
export type CourseStepInput = z.input<typeof courseStepInput>;

export const COURSE_SORT_FIELDS = ['newest', 'rating', 'price', 'popular'] as const;
export type CourseSortField = (typeof COURSE_SORT_FIELDS)[number];

const amountBound = (label: string) =>
  z
    .number({ error: `${label} must be a number of minor units` })
    .int({ error: `${label} must be a whole number of minor units` })
    .min(0, { error: `${label} cannot be negative` })
    .max(MAX_PRICE_AMOUNT, { error: `${label} must be at most ${MAX_PRICE_AMOUNT}` });

export const courseListInput = z
  .strictObject({
    /** Words of the title, subtitle or description, each the start of a word. */
    search: text('Search', 200).default(''),
    status: z
      .enum(COURSE_STATUSES, { error: `Status must be one of ${COURSE_STATUSES.join(', ')}` })
      .nullish(),
    instructorId: instructorId.nullish(),
    category: courseCategory.nullish(),
    level: courseLevel.nullish(),
    language: courseLanguage.nullish(),
    /** The currency prices are filtered and sorted in; only courses sold in it are listed. */
    currency: priceCurrency.nullish(),
    priceMin: amountBound('Minimum price').nullish(),
    priceMax: amountBound('Maximum price').nullish(),
    /** Average stars of at least this (4.5: "4.5 and up"), in steps of a tenth. */
    minRating: z
      .number({ error: 'Minimum rating must be a number of stars' })
      .min(1, { error: 'Minimum rating must be at least 1 star' })
      .max(5, { error: 'Minimum rating must be at most 5 stars' })
      .refine(isTenths, { error: 'Minimum rating must be in tenths of a star, like 4.5' })
      .nullish(),
    sort: z
      .strictObject({
        field: z.enum(COURSE_SORT_FIELDS, { error: `Sort must be one of ${COURSE_SORT_FIELDS.join(', ')}` }),
        direction: z.enum(['asc', 'desc'], { error: 'Direction must be asc or desc' }),
      })
      .default({ field: 'newest', direction: 'desc' }),
    ...pageInput({ max: 200, default: 50 }),
  })
  .superRefine((input, ctx) => {
    const needsCurrency = input.priceMin != null || input.priceMax != null || input.sort.field === 'price';
    if (needsCurrency && !input.currency) {
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message: 'Currency is required to filter or sort by price',
      });
    }
    if (input.priceMin != null && input.priceMax != null && input.priceMin > input.priceMax) {
      ctx.addIssue({
        code: 'custom',
        path: ['priceMax'],
        message: 'Maximum price must be at least the minimum price',
      });
    }
  });
export type CourseListInput = z.input<typeof courseListInput>;

// Settings

/** The settings' version as read: 0 while the workspace still has the defaults. */
export const marketplaceSettingsInput = z.strictObject({
  expectedVersion: z
    .number({ error: 'Expected version must be a number' })
    .int({ error: 'Expected version must be a whole number' })
    .min(0, { error: 'Expected version cannot be negative' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'Expected version is too large' }),
  patch: z
    .strictObject({
      defaultShareBps: shareBps('Default share').optional(),
      refundWindowDays: z
        .number({ error: 'Refund window must be a number of days' })
        .int({ error: 'Refund window must be a whole number of days' })
        .min(0, { error: 'Refund window cannot be negative' })
        .max(365, { error: 'Refund window must be at most 365 days' })
        .optional(),
      holdDays: z
        .number({ error: 'Hold period must be a number of days' })
        .int({ error: 'Hold period must be a whole number of days' })
        .min(0, { error: 'Hold period cannot be negative' })
        .max(365, { error: 'Hold period must be at most 365 days' })
        .optional(),
      payoutDayOfMonth: z
        .number({ error: 'Payout day must be a day of the month' })
        .int({ error: 'Payout day must be a whole day' })
        .min(1, { error: 'Payout day must be between 1 and 28' })
        .max(28, { error: 'Payout day must be between 1 and 28 (every month has it)' })
        .optional(),
    })
    .refine(nonEmptyPatch, { error: 'Nothing to change' }),
});
export type MarketplaceSettingsInput = z.input<typeof marketplaceSettingsInput>;
