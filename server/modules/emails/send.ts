import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Logger } from '../../lib/logger';
import { MailerError, type Mailer } from './mailer';
import {
  claimEmail,
  dueEmails,
  holdDueEmails,
  markAttemptFailed,
  markSent,
  type OutboxEmail,
} from './repo/outbox';

export interface SendPolicy {
  /** Attempts before an email is marked failed. */
  maxAttempts: number;
  /** The wait after the first failure; each further one doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claimed email is left alone before a crashed send is retried. */
  leaseMs: number;
  batchSize: number;
}

export const DEFAULT_SEND_POLICY: SendPolicy = {
  maxAttempts: 6,
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 3_600_000,
  leaseMs: 5 * 60_000,
  batchSize: 50,
};

/** 1 min, 2 min, 4 min… after the 1st, 2nd, 3rd failure, capped. */
export function retryDelay(policy: SendPolicy, failedAttempts: number): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1), policy.maxDelayMs);
}

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
  if (!(await claimEmail(db, email, clock() + policy.leaseMs, clock()))) return null;
  try {
    await mailer.send({
      from: { name: email.fromName, address: email.fromAddress },
      to: email.recipient,
      replyTo: email.replyTo,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId: email.messageId,
    });
  } catch (error) {
    const failure =
      error instanceof MailerError ? error : new MailerError('the mailer failed unexpectedly', false);
    const giveUp = failure.permanent || attempt >= policy.maxAttempts;
    const retryAt = giveUp ? null : clock() + retryDelay(policy, attempt);
    await markAttemptFailed(db, email.id, failure.message, retryAt, clock());
    return giveUp ? 'failed' : 'retrying';
  }
  await markSent(db, email.id, clock());
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
