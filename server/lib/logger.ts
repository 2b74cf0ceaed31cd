import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Paths whose values never reach a log line: credentials, tokens, keys and card data,
 * wherever they appear in the logged object.
 */
export const REDACTED_PATHS = [
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.apiKey',
  '*.stripeSecretKey',
  '*.webhookSecret',
  '*.card',
  '*.cardNumber',
  '*.cvc',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers["stripe-signature"]',
];

/** A JSON logger to stdout, or to `destination` (a test reading what was logged). */
export function createLogger(
  options: { level?: string; name?: string } = {},
  destination?: DestinationStream,
): Logger {
  const settings = {
    name: options.name ?? 'tollgate',
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(settings, destination) : pino(settings);
}

/** A logger that drops everything: for tests that do not assert on logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
