import { z } from 'zod';

/** How emails leave: an SMTP server, or none (the embedded default: emails are held in the outbox). */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  auth: { user: string; pass: string } | null;
  /** Refuse to log in unless STARTTLS succeeds: a password never crosses a network in clear. */
  requireTls: boolean;
  /** The envelope sender and the From address of tenants that set none of their own. */
  from: string;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

/** Unset and empty are the same thing for an environment variable. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );

/**
 * The mail environment variables. Messages name the variable and never repeat its value:
 * zod leaves the input out of its issues, and the messages are ours, so a password with a
 * typo never lands in a log.
 */
export const smtpEnvSchema = z
  .object({
    SMTP_HOST: optional(z.string().regex(/^[A-Za-z0-9.:-]+$/, 'SMTP_HOST must be a host name or address')),
    SMTP_PORT: optional(
      z.coerce
        .number('SMTP_PORT must be a whole number from 1 to 65535')
        .int('SMTP_PORT must be a whole number from 1 to 65535')
        .min(1, 'SMTP_PORT must be a whole number from 1 to 65535')
        .max(65535, 'SMTP_PORT must be a whole number from 1 to 65535'),
    ),
    SMTP_SECURE: optional(z.enum(['true', 'false'], 'SMTP_SECURE must be true or false')),
    SMTP_USER: optional(z.string().max(320, 'SMTP_USER must be at most 320 characters')),
    SMTP_PASSWORD: optional(z.string().max(1024, 'SMTP_PASSWORD must be at most 1024 characters')),
    SMTP_FROM: optional(z.email('SMTP_FROM must be an email address, like billing@example.com')),
  })
  .superRefine((env, ctx) => {
    const anySet = [env.SMTP_PORT, env.SMTP_SECURE, env.SMTP_USER, env.SMTP_PASSWORD, env.SMTP_FROM].some(
      (v) => v !== undefined,
    );
    if (!env.SMTP_HOST) {
      if (anySet)
        ctx.addIssue({
          code: 'custom',
          path: ['SMTP_HOST'],
          message: 'SMTP_HOST is required when any SMTP_ variable is set',
        });
      return;
    }
    if (!env.SMTP_FROM)
      ctx.addIssue({ code: 'custom', path: ['SMTP_FROM'], message: 'SMTP_FROM is required with SMTP_HOST' });
    if ((env.SMTP_USER === undefined) !== (env.SMTP_PASSWORD === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_PASSWORD'],
        message: 'SMTP_USER and SMTP_PASSWORD go together: set both or neither',
      });
  });

/** Reads the mail configuration from the environment (null: no SMTP), or throws naming each bad variable. */
export function smtpConfigFromEnv(env: Record<string, string | undefined>): SmtpConfig | null {
  const parsed = smtpEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message);
    throw new Error(`Invalid email (SMTP) configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (!e.SMTP_HOST || !e.SMTP_FROM) return null;
  const secure = e.SMTP_SECURE === 'true';
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    auth:
      e.SMTP_USER !== undefined && e.SMTP_PASSWORD !== undefined
        ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD }
        : null,
    requireTls: !secure && e.SMTP_PASSWORD !== undefined && !LOOPBACK_HOSTS.includes(e.SMTP_HOST),
    from: e.SMTP_FROM,
  };
}
