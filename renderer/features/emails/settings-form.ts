import { z } from 'zod';
import { emailSettingsFields } from '../../../shared/emails/schema';
import type { EmailSettings } from './types';

export interface SettingsFormValues {
  senderName: string;
  fromAddress: string;
  replyTo: string;
  brandColor: string;
  footerText: string;
}

/** The saved settings as the form edits them: an unset address is an empty field. */
export function toFormValues(s: EmailSettings): SettingsFormValues {
  return {
    senderName: s.senderName,
    fromAddress: s.fromAddress ?? '',
    replyTo: s.replyTo ?? '',
    brandColor: s.brandColor,
    footerText: s.footerText,
  };
}

const schema = z.strictObject(emailSettingsFields);

/** The server's own rules, checked as the user types: the first problem per field. */
export function validateSettingsForm(values: SettingsFormValues): Record<string, string> {
  const parsed = schema.safeParse(values);
  const errors: Record<string, string> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) errors[issue.path.join('.') || '_'] ??= issue.message;
  return errors;
}
