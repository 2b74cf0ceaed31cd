import { destination as pinoDestination, pino, type DestinationStream, type Logger } from 'pino';

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
 * A JSON logger to stdout, or to `destination` (a test reading what was logged). With `scrub`,
 * every line passes through it as text on its way out (the hosted server's masks secret shapes,
 * card numbers and its configured secrets even inside error messages: ops/log-scrub.ts).
 */
export function createLogger(
  options: { level?: string; name?: string; scrub?: (line: string) => string } = {},
  destination?: DestinationStream,
): Logger {
  const settings = {
    name: options.name ?? 'tollgate',
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  const { scrub } = options;
  if (!scrub) return destination ? pino(settings, destination) : pino(settings);
  const target = destination ?? pinoDestination(1);
  return pino(settings, { write: (line: string) => target.write(scrub(line)) });
}

/** A logger that drops everything: for tests that do not assert on logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
