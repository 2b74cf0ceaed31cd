import nodemailer from 'nodemailer';
import type { SmtpConfig } from './config';
import type { InlineImage } from './inline-images';

/** One email on its way out, addressed and with its fixed Message-ID. */
export interface OutgoingEmail {
  from: { name: string; address: string | null };
  to: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  attachments?: readonly { filename: string; contentType: string; content: Buffer }[];
  /** Images the HTML names by `cid:` (inline-images.ts): sent inline, in a multipart/related. */
  inlineImages?: readonly InlineImage[];
}

/** Hands emails to a mail server. Throws MailerError when it would not take one. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** Why a delivery failed, already safe to store and show: no credentials, one line. */
export class MailerError extends Error {
  override readonly name = 'MailerError';

  constructor(
    message: string,
    /** The server refused for good (5xx): trying again cannot help. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** The server's answer or the connection problem, on one line, without the password. */
export function describeSmtpFailure(error: unknown, secret: string | null): MailerError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  let text = e.response ?? e.message ?? String(error);
  if (secret) text = text.split(secret).join('***');
  text = text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, 300);
  const code = e.code && !text.includes(e.code) ? `${e.code}: ` : '';
  // A refused login is a configuration problem staff can fix, so it stays retryable.
  const permanent = e.responseCode !== undefined && e.responseCode >= 500 && e.code !== 'EAUTH';
  return new MailerError(`${code}${text}`, permanent);
}

/** Sends through an SMTP server with nodemailer, over one reused connection. */
export function smtpMailer(config: SmtpConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    // A burst (a month's renewals) reuses one connection instead of a handshake per email.
    pool: true,
    maxConnections: 1,
    secure: config.secure,
    requireTLS: config.requireTls,
    auth: config.auth ?? undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(email) {
      try {
        await transport.sendMail({
          from: { name: email.from.name, address: email.from.address ?? config.from },
          // The envelope sender is the server's own address, which its SPF record covers.
          envelope: { from: config.from, to: email.to },
          to: email.to,
          replyTo: email.replyTo ?? undefined,
          subject: email.subject,
          html: email.html,
          text: email.text,
          messageId: email.messageId,
          attachments: [
            ...(email.attachments ?? []).map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: a.content,
            })),
            // A cid makes nodemailer send the part inline, beside the HTML in a multipart/related.
            ...(email.inlineImages ?? []).map((i) => ({
              filename: i.filename,
              contentType: i.contentType,
              content: i.content,
              cid: i.cid,
            })),
          ],
        });
      } catch (error) {
        throw describeSmtpFailure(error, config.auth?.pass ?? null);
      }
    },
    close: () => transport.close(),
  };
}
