/**
 * What a new password must be: long enough to resist guessing once the hash leaks, and
 * not one of the handful every attacker tries first. Length beats composition rules
 * (NIST SP 800-63B), so there are no "one digit, one symbol" rules. Shared so the console
 * can show the rules and check them as typed; the server checks again, with the email.
 */

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** The policy in words, for the screens where someone chooses a password. */
export const PASSWORD_RULES = `At least ${MIN_PASSWORD_LENGTH} characters (a few words work well), not a common password, not your email address`;

// The most tried passwords that reach 12 characters, lowercased.
const COMMON = new Set([
  'password1234',
  'passwordpassword',
  '123456789012',
  'qwertyuiopas',
  'qwerty123456',
  '1q2w3e4r5t6y',
  'iloveyou1234',
  'administrator',
  'letmein12345',
  'changeme1234',
  'welcome12345',
  'tollgate1234',
]);

/** Why `password` is not acceptable for the account `email`, or null when it is. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 2) return 'Use more than two different characters';
  if (COMMON.has(lower)) return 'This password is one of the first that attackers try; choose another';
  const local = email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'The password must not contain your email address';
  return null;
}
