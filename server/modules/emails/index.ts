/** Emails: billing events become branded emails in a durable outbox, sent over SMTP. */
export { emailsRouter } from './router';
export { smtpConfigFromEnv, type SmtpConfig } from './config';
export { smtpMailer, MailerError, type Mailer, type OutgoingEmail } from './mailer';
export { emailDelivery, DEMO_HOLD } from './delivery';
export { runEmailPass, startEmailLoop, type EmailDeps } from './loop';
export { dispatchBatch, dispatchBillingEvents, type DispatchReport } from './dispatch';
export { sendDueEmails, DEFAULT_SEND_POLICY, NO_SMTP, type SendPolicy, type SendReport } from './send';
export { EMAILED_EVENT_TYPES } from './drafts';
export { queueStaffNotice, type StaffNotice, type StaffRecipient } from './staff-notices';
export type { EmailAttachment } from './repo/attachments';
export { secretMarker } from './repo/secrets';
export { emailsOfCustomer, type CustomerEmail } from './customer-emails';
export { connectWorkspaceBranding, previewBrandedEmail, type AccountEmailBranding } from './branded';
export { readEmailSettings, type EmailSettings } from './repo/settings';
export type { EmailDraft } from './templates';
