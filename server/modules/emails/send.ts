import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Logger } from '../../lib/logger';
import { afterFailure, leaseEnd, RETRY_POLICIES, type RetryPolicy } from '../../lib/retry-policy';
import { MailerError, type Mailer } from './mailer';
import { attachmentsOf } from './repo/attachments';
import { inlineImages } from './inline-images';
import { deleteSecrets, fillSecrets, secretsOf } from './repo/secrets';
import {
  claimEmail,
  dueEmails,
  holdDueEmails,
  markAttemptFailed,
  markSent,
  type OutboxEmail,
} from './repo/outbox';

/** The outbox's retry policy (backoff, attempts, lease), and how many due emails are read at once. */
export interface SendPolicy extends RetryPolicy {
  batchSize: number;
}

export const DEFAULT_SEND_POLICY: SendPolicy = { ...RETRY_POLICIES.emails, batchSize: 50 };

export interface SendReport {
  sent: number;
  retrying: number;
  failed: number;
  held: number;
}

async function deliver(
  db: Kysely<DB>,
  mailer: Mailer,
  email: OutboxEmail,
  clock: () => number,
  policy: SendPolicy,
): Promise<keyof SendReport | null> {
  const attempt = email.attempts + 1;
  if (!(await claimEmail(db, email, leaseEnd(clock(), policy), clock()))) return null;
  try {
    const secrets = await secretsOf(db, email.id);
    const html = inlineImages(fillSecrets(email.html, secrets), email.messageId);
    await mailer.send({
      from: { name: email.fromName, address: email.fromAddress },
      to: email.recipient,
      replyTo: email.replyTo,
      subject: email.subject,
      html: html.html,
      inlineImages: html.images,
      text: fillSecrets(email.text, secrets),
      messageId: email.messageId,
      attachments: await attachmentsOf(db, email.id),
    });
  } catch (error) {
    const failure =
      error instanceof MailerError ? error : new MailerError('the mailer failed unexpectedly', false);
    const next = afterFailure(attempt, policy, clock(), { permanent: failure.permanent });
    await markAttemptFailed(db, email.id, failure.message, next.giveUp ? null : next.retryAt, clock());
    return next.giveUp ? 'failed' : 'retrying';
  }
  await markSent(db, email.id, clock());
  await deleteSecrets(db, email.id);
  return 'sent';
}

export const NO_SMTP = 'Not sent: no SMTP server is configured';

/**
 * Delivers the emails that are due, one at a time, oldest due first. With no mailer they
 * are marked held instead, with `holdReason`, and stay in the outbox.
 */
export async function sendDueEmails(
  db: Kysely<DB>,
  mailer: Mailer | null,
  options: { clock: () => number; logger: Logger; policy?: SendPolicy; holdReason?: string },
): Promise<SendReport> {
  const report: SendReport = { sent: 0, retrying: 0, failed: 0, held: 0 };
  if (!mailer) {
    report.held = await holdDueEmails(db, options.holdReason ?? NO_SMTP, options.clock());
    return report;
  }
  const policy = options.policy ?? DEFAULT_SEND_POLICY;
  for (;;) {
    const due = await dueEmails(db, options.clock(), policy.batchSize);
    for (const email of due) {
      const outcome = await deliver(db, mailer, email, options.clock, policy);
      if (outcome) report[outcome]++;
      if (outcome === 'failed' || outcome === 'retrying')
        options.logger.warn({ emailId: email.id, outcome }, 'email not delivered');
    }
    if (due.length < policy.batchSize) return report;
  }
}
