import { z } from 'zod';
import { customerRef } from '../billing/schema';
import { hostnameProblem } from './hostname';

/**
 * Inputs of the branding procedures (`branding.*` for staff, `accountBranding.*` for an
 * account's own admins), shared by the server and the console so a field is checked by one rule.
 * A logo travels as a data: URL; the server decides its type from its bytes, never from the URL's
 * claimed type, and sanitizes an SVG (server/modules/branding/logo.ts).
 */

/** The largest logo, in bytes before base64. */
export const MAX_LOGO_BYTES = 256 * 1024;
/** A data: URL of MAX_LOGO_BYTES in base64, with room for its header. */
const MAX_LOGO_URL = Math.ceil(MAX_LOGO_BYTES / 3) * 4 + 100;

export const BRANDING_STATUSES = ['draft', 'published', 'superseded'] as const;
export type BrandingStatus = (typeof BRANDING_STATUSES)[number];

export const brandingVersionId = z
  .string({ error: 'Version id must be text' })
  .regex(/^brv_[0-9A-Z]{26}$/, { error: 'Version id must look like brv_…' });

const color = (label: string) =>
  z
    .string({ error: `${label} colour must be text` })
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: `${label} colour must be #rrggbb, like #1f6feb` })
    .toLowerCase();

export const brandColorsInput = z.strictObject({
  primary: color('Primary'),
  accent: color('Accent'),
  background: color('Background'),
  text: color('Text'),
});

const oneLine = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` })
    .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20), { error: `${label} must be on one line` });

const customDomain = z.union([
  z.null(),
  z.literal('').transform(() => null),
  z
    .string({ error: 'Custom domain must be text' })
    .trim()
    .toLowerCase()
    .superRefine((v, ctx) => {
      const problem = hostnameProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `Custom domain ${problem}` });
    }),
]);

const replyTo = z.union([
  z.null(),
  z.literal('').transform(() => null),
  z
    .string({ error: 'Reply-to must be text' })
    .trim()
    .max(254, { error: 'Reply-to must be at most 254 characters' })
    .toLowerCase()
    .pipe(z.email({ error: 'Reply-to must be a valid address, like support@example.com' })),
]);

const logo = z.union([
  z.null(),
  z
    .string({ error: 'Logo must be a data: URL' })
    .max(MAX_LOGO_URL, { error: `Logo must be at most ${MAX_LOGO_BYTES / 1024} KB` })
    .regex(/^data:[^,]{0,100},/, { error: 'Logo must be a data: URL' }),
]);

/** What a branding says; a draft is saved with these, and publishing fixes them. */
export const brandingFields = z.strictObject({
  productName: oneLine('Product name', 80),
  logo,
  colors: brandColorsInput,
  customDomain,
  senderName: z.union([z.null(), z.literal('').transform(() => null), oneLine('Sender name', 80)]),
  replyTo,
});
export type BrandingFieldsInput = z.input<typeof brandingFields>;
export type BrandingFields = z.output<typeof brandingFields>;

/** Staff name the account; no customer means the workspace's default branding. */
const scope = { customerId: customerRef.nullish() };

export const brandingScopeInput = z.strictObject(scope);
export const brandingSaveDraftInput = z.strictObject({ ...scope, branding: brandingFields });
export const brandingPublishInput = z.strictObject({ ...scope, draftId: brandingVersionId });
export const brandingRestoreInput = z.strictObject({ id: brandingVersionId });

/** An account admin's: the account is their own. */
export const accountBrandingSaveDraftInput = z.strictObject({ branding: brandingFields });
export const accountBrandingPublishInput = z.strictObject({ draftId: brandingVersionId });
