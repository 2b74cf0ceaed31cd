import { destination as pinoDestination, pino, type DestinationStream, type Logger } from 'pino';
import { logScrubber } from './log-scrub';

export type { Logger };

/** Field names whose values never reach a log line: credentials, tokens, keys and card data. */
const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'signingSecret',
  'apiKey',
  'key',
  'stripeSecretKey',
  'secretKey',
  'webhookSecret',
  'card',
  'cardNumber',
  'number',
  'cvc',
  'cvv',
];

/**
 * Paths whose values never reach a log line: each secret field at the top of a logged object
 * and two levels down (pino's wildcards match one level each), and the credential headers.
 * Values inside messages and errors are the scrubber's (log-scrub.ts).
 */
export const REDACTED_PATHS = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  ...['authorization', 'cookie', '["stripe-signature"]', '["x-api-key"]'].flatMap((header) => [
    `req.headers${header.startsWith('[') ? header : `.${header}`}`,
    `headers${header.startsWith('[') ? header : `.${header}`}`,
  ]),
];

/**
 * A JSON logger to stdout, or to `destination` (a test reading what was logged). Every line is
 * scrubbed as text on its way out: secret shapes, card numbers and the `secrets` given (the
 * configured ones) are masked even inside error messages and stacks.
 */
export function createLogger(
  options: { level?: string; name?: string; secrets?: readonly (string | null | undefined)[] } = {},
  destination?: DestinationStream,
): Logger {
  const settings = {
    name: options.name ?? 'tollgate',
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  const target = destination ?? pinoDestination(1);
  const scrub = logScrubber(options.secrets);
  return pino(settings, { write: (line: string) => target.write(scrub(line)) });
}

/** A logger that drops everything: for tests that do not assert on logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
