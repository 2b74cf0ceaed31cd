import type { EmailStatus, EmailTemplate } from '../../../shared/emails/schema';

/** What each email is, as staff call it. */
export const TEMPLATE_LABELS: Record<EmailTemplate, string> = {
  receipt: 'Receipt',
  trial_ending: 'Trial ending',
  payment_failed: 'Payment failed',
  payment_recovered: 'Payment recovered',
  final_notice: 'Final notice',
  subscription_canceled: 'Subscription canceled',
  webhook_endpoint_disabled: 'Webhook endpoint turned off',
  finance_pack: 'Finance pack',
  account_invitation: 'Account invitation',

  license_seat_invitation: 'License seat invitation',

  license_expiring: 'License expiring',
  license_usage_alert: 'License usage alert',
};

/** Held emails were never tried: the reason (no SMTP, the demo workspace) is in their detail. */
export const STATUS_LOOK: Record<EmailStatus, { label: string; color: string }> = {
  pending: { label: 'Queued', color: 'blue' },
  sent: { label: 'Sent', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
  held: { label: 'Not sent', color: 'gray' },
};

/** Failed and held emails can be sent again; sent and queued ones never go out twice. */
export const canSendAgain = (status: EmailStatus): boolean => status === 'failed' || status === 'held';
