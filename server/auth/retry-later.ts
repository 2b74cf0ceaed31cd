import { DomainError } from '../lib/errors';

/**
 * A refusal that clears with time (RATE_LIMITED, 429): it says in plain words when to try
 * again, and the HTTP layer sends the same wait as Retry-After.
 */
export class RetryLater extends DomainError {
  readonly retryAfterS: number;

  constructor(retryAfterMs: number, what = 'Too many sign-in attempts') {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super('RATE_LIMITED', `${what}; try again in ${waitInWords(seconds)}`);
    this.retryAfterS = seconds;
  }
}

/** "1 second", "42 seconds", "15 minutes": seconds up to two minutes, then whole minutes. */
export function waitInWords(seconds: number): string {
  if (seconds < 120) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
