import { DAY_MS } from '../../../../shared/licensing/policy';

/**
 * Expiry reminders, pure: a license is reminded 30, 7 and 1 days before it expires, each once
 * (`expiry_reminded_days` keeps the smallest sent; a renewal clears it). A run that comes late
 * sends only the nearest reminder due (a license found 5 days from expiry gets the 7-day one,
 * not the 30-day one too), and nothing once it has expired.
 */

export const REMINDER_DAYS = [30, 7, 1] as const;
export type ReminderDays = (typeof REMINDER_DAYS)[number];

/** The reminder due now for a license expiring at `expiresAt`, or null. */
export function reminderDue(
  expiresAt: number | null,
  now: number,
  remindedDays: number | null,
): ReminderDays | null {
  if (expiresAt === null || expiresAt <= now) return null;
  const left = expiresAt - now;
  const due = [...REMINDER_DAYS].reverse().find((days) => left <= days * DAY_MS);
  if (due === undefined) return null;
  return remindedDays === null || due < remindedDays ? due : null;
}
