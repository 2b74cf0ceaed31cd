import type { EmailTemplate } from '../../../../shared/emails/schema';
import { accountInvitationEmail, type AccountInvitationFacts } from './account-invitation';
import { licenseExpiringEmail, type LicenseExpiringFacts } from './license-expiring';
import { finalNoticeEmail, type FinalNoticeFacts } from './final-notice';
import { financePackEmail, type FinancePackFacts } from './finance-pack';
import { renderEmail, type Brand, type RenderedEmail } from './layout';
import { licenseSeatInvitationEmail, type LicenseSeatInvitationFacts } from './license-seat-invitation';
import { licenseUsageAlertEmail, type LicenseUsageAlertFacts } from './license-usage-alert';
import { paymentFailedEmail, type PaymentFailedFacts } from './payment-failed';
import { paymentRecoveredEmail, type PaymentRecoveredFacts } from './payment-recovered';
import { receiptEmail, type ReceiptFacts } from './receipt';
import { subscriptionCanceledEmail, type SubscriptionCanceledFacts } from './subscription-canceled';
import { trialEndingEmail, type TrialEndingFacts } from './trial-ending';
import { webhookEndpointDisabledEmail, type WebhookEndpointDisabledFacts } from './webhook-endpoint-disabled';

export type { Brand, RenderedEmail, WhiteLabel } from './layout';
export { DEFAULT_BRAND_COLOR } from './layout';

/** Which facts each template is written from. */
export interface TemplateFacts {
  receipt: ReceiptFacts;
  trial_ending: TrialEndingFacts;
  payment_failed: PaymentFailedFacts;
  payment_recovered: PaymentRecoveredFacts;
  final_notice: FinalNoticeFacts;
  subscription_canceled: SubscriptionCanceledFacts;
  webhook_endpoint_disabled: WebhookEndpointDisabledFacts;
  finance_pack: FinancePackFacts;
  account_invitation: AccountInvitationFacts;
  license_seat_invitation: LicenseSeatInvitationFacts;
  license_expiring: LicenseExpiringFacts;
  license_usage_alert: LicenseUsageAlertFacts;
}

/** One email to write: a template and its facts, kept together so they cannot mismatch. */
export type EmailDraft = { [T in EmailTemplate]: { template: T; facts: TemplateFacts[T] } }[EmailTemplate];

/** Writes the email a draft describes, in the tenant's branding. */
export function renderDraft(brand: Brand, draft: EmailDraft): RenderedEmail {
  switch (draft.template) {
    case 'receipt':
      return renderEmail(brand, receiptEmail(draft.facts, brand.senderName));
    case 'trial_ending':
      return renderEmail(brand, trialEndingEmail(draft.facts));
    case 'payment_failed':
      return renderEmail(brand, paymentFailedEmail(draft.facts));
    case 'payment_recovered':
      return renderEmail(brand, paymentRecoveredEmail(draft.facts));
    case 'final_notice':
      return renderEmail(brand, finalNoticeEmail(draft.facts));
    case 'subscription_canceled':
      return renderEmail(brand, subscriptionCanceledEmail(draft.facts));
    case 'webhook_endpoint_disabled':
      return renderEmail(brand, webhookEndpointDisabledEmail(draft.facts));
    case 'finance_pack':
      return renderEmail(brand, financePackEmail(draft.facts));
    case 'account_invitation':
      return renderEmail(brand, accountInvitationEmail(draft.facts, brand.senderName));
    case 'license_seat_invitation':
      return renderEmail(brand, licenseSeatInvitationEmail(draft.facts, brand.senderName));
    case 'license_expiring':
      return renderEmail(brand, licenseExpiringEmail(draft.facts, brand.senderName));
    case 'license_usage_alert':
      return renderEmail(brand, licenseUsageAlertEmail(draft.facts, brand.senderName));
  }
}
