import { currentRequestSecrets } from '../lib/request-scope';
import { maskSecretShapes } from '../trpc/secrets';

/**
 * The last line of defence for logs: every line is scrubbed as text before it is written, so a
 * secret inside an error's message, its cause or its stack (where redact paths cannot reach)
 * is masked too. Masks what has a secret's shape (API keys, invitation codes, Stripe keys,
 * webhook signing secrets: see trpc/secrets.ts; refresh tokens, JWT access tokens, bearer
 * credentials, card numbers), the values of the secrets the server was configured with, and
 * the values the request being served carried in password-like fields (a typed password has
 * no shape: trpc/input-secrets.ts remembers it for the request's own lines).
 */

export const SCRUBBED = '[redacted]';

/** Refresh tokens (auth/tokens.ts) and JWT access tokens. */
const TOKEN_SHAPES = [
  /\brt_[A-Za-z0-9_-]{20,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

/** Any credential after "Bearer" or "Basic", whatever its shape. */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;

/** 13–19 digits, spaced or dashed in groups as cards are written; not a JSON number (after ":"). */
const CARD_LIKE = /(?<![:\d])\d(?:[ -]?\d){12,18}(?!\d)/g;

/** The Luhn check every card number passes (and about one in ten other digit runs). */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function maskCards(text: string): string {
  return text.replace(CARD_LIKE, (run) => (luhn(run.replace(/[ -]/g, '')) ? SCRUBBED : run));
}

/** Shorter values are not masked by value: they would mask ordinary words and numbers. */
const MIN_SECRET_LENGTH = 8;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The current request's own secrets, raw or JSON-escaped, longest first (one may contain another). */
function maskRequestSecrets(line: string): string {
  const secrets = currentRequestSecrets();
  if (secrets.size === 0) return line;
  const forms = [...secrets].flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  forms.sort((a, b) => b.length - a.length);
  return forms.reduce((text, form) => text.split(form).join(SCRUBBED), line);
}

/**
 * A scrubber for log lines (JSON text). `secrets` are configured values (the token secret, the
 * SMTP password, the Stripe key…), masked wherever they appear, raw or JSON-escaped.
 */
export function logScrubber(secrets: readonly (string | null | undefined)[] = []): (line: string) => string {
  const values = secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])
    .sort((a, b) => b.length - a.length);
  const configured = values.length > 0 ? new RegExp(values.map(escapeRegExp).join('|'), 'g') : null;
  return (line) => {
    let text = maskRequestSecrets(line);
    text = configured ? text.replace(configured, SCRUBBED) : text;
    text = maskSecretShapes(text);
    for (const shape of TOKEN_SHAPES) text = text.replace(shape, SCRUBBED);
    text = text.replace(SCHEME_CREDENTIAL, (_match, scheme: string) => `${scheme} ${SCRUBBED}`);
    return maskCards(text);
  };
}
