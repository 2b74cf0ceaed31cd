/**
 * The environment variables the email loop reads at start (server/modules/emails/config.ts),
 * for the console to say how to configure SMTP. Names only: their values stay on the server.
 */
export const SMTP_SETTINGS = [
  { name: 'SMTP_HOST', what: 'the SMTP server’s host name (required)' },
  { name: 'SMTP_FROM', what: 'the sender address, like billing@example.com (required)' },
  { name: 'SMTP_PORT', what: 'its port (587, or 465 with SMTP_SECURE=true)' },
  { name: 'SMTP_SECURE', what: 'true for TLS from the first byte' },
  { name: 'SMTP_USER', what: 'the login, with SMTP_PASSWORD' },
  { name: 'SMTP_PASSWORD', what: 'the password, with SMTP_USER' },
] as const;

/**
 * How this workspace's emails leave: over SMTP, held for lack of it, held on purpose by the
 * demo workspace, or sent by the hosted server a connected desktop works with.
 */
export const EMAIL_DELIVERY_STATES = ['sending', 'held_no_smtp', 'held_demo', 'server'] as const;
export type EmailDeliveryState = (typeof EMAIL_DELIVERY_STATES)[number];
