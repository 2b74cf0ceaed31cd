import { isIP } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { passwordProblem } from '../auth/password-policy';
import type { TokenKey } from '../auth/tokens';
import { defaultDataDir } from '../embedded/data-dir';
import { gatewayConfigFromEnv } from '../gateways';
import type { GatewayConfig } from '../gateways/config';
import { smtpConfigFromEnv, type SmtpConfig } from '../modules/emails';
import type { RestLimits } from './rest/limits';
import { restLimitsFromEnv } from './rest/limits-env';
import { backupSettingsFromEnv, type BackupSettings } from '../modules/backups/settings';
import { SECRETS_KEY_ENV, secretKeysFromEnv, type SecretKeys } from '../lib/secret-box';

/**
 * The hosted server's configuration, read from the environment once at start. Every
 * problem is reported at once, each naming its variable; no message repeats the value of
 * a secret (zod leaves inputs out of its issues, and the messages are ours).
 */

export interface HostedConfig {
  port: number;
  /** The address to listen on: 127.0.0.1 unless HOST says otherwise. */
  host: string;
  dataDir: string;
  /** DATABASE_URL: run on this PostgreSQL database instead of tollgate.sqlite in `dataDir`. */
  postgres: { url: string; poolSize: number } | null;
  tokenKey: TokenKey;
  /** The platform owner to create on the first start (no users yet); null when not given. */
  owner: { email: string; password: string } | null;
  gateway: GatewayConfig;
  smtp: SmtpConfig | null;
  /** Reverse proxies whose X-Forwarded-For names the client (exact addresses); none by default. */
  trustedProxies: string[];
  /** The REST API's rates per key and per address, and its body limit (TOLLGATE_REST_*). */
  restLimits: RestLimits;
  /** TOLLGATE_METRICS_TOKEN: the bearer token /metrics asks for; null: no /metrics (404). */
  metricsToken: string | null;
  /** TOLLGATE_DRAIN_SECONDS: after SIGTERM, how long /readyz answers 503 before the server closes. */
  drainMs: number;
  /** Where backups go, how often, how many are kept (TOLLGATE_BACKUP_*: server/modules/backups/settings.ts). */
  backups: BackupSettings;
  /**
   * TOLLGATE_SECRETS_KEY (+ _PREVIOUS): seals webhook signing secrets at rest. Required here;
   * a backend given none (tests building their config) reads the process's environment, else
   * `<dataDir>/secrets.key` as a desktop does.
   */
  secretKeys?: SecretKeys;
}

export const MIN_TOKEN_SECRET_BYTES = 32;
/** A metrics token shorter than this is guessable. */
export const MIN_METRICS_TOKEN_LENGTH = 24;
/** Connections per instance: enough for requests, jobs and webhooks at once, few enough for many instances. */
const DEFAULT_POOL_SIZE = 10;
const SECRET_HINT = 'for example the output of `openssl rand -base64 32`';

/** Unset and empty are the same thing for an environment variable. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );

/** The secret's bytes: hex when it is only hex digits (even count), else base64 or base64url. */
export function decodeSecret(value: string): Buffer | null {
  const text = value.trim();
  if (/^(?:[0-9a-fA-F]{2})+$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return Buffer.from(text, 'base64');
  return null;
}

/** A token secret's problem, named after its variable and never echoing the value. */
function checkTokenSecret(name: string, value: string, issue: (path: string, message: string) => void): void {
  const bytes = decodeSecret(value);
  if (!bytes) issue(name, `${name} must be written as hex or base64`);
  else if (bytes.length < MIN_TOKEN_SECRET_BYTES)
    issue(
      name,
      `${name} must hold at least ${MIN_TOKEN_SECRET_BYTES} bytes, it holds ${bytes.length}; use ${SECRET_HINT}`,
    );
}

const proxyList = (value: string) =>
  value
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

const serverEnvSchema = z
  .object({
    PORT: z.string().optional(),
    HOST: optional(
      z
        .string()
        .refine((h) => isIP(h) !== 0 || HOST_NAME.test(h), 'HOST must be an IP address or a host name'),
    ),
    TOLLGATE_SERVER_DATA_DIR: optional(
      z.string().refine((p) => isAbsolute(p), 'TOLLGATE_SERVER_DATA_DIR must be an absolute path'),
    ),
    // The URL may carry a password: the messages name the variable, never echo the value.
    DATABASE_URL: optional(
      z
        .string()
        .refine(
          (url) => /^postgres(?:ql)?:\/\/[^\s]+$/.test(url),
          'DATABASE_URL must be a PostgreSQL URL: postgres://user:password@host:port/database',
        ),
    ),
    TOLLGATE_DATABASE_POOL_SIZE: optional(
      z
        .string()
        .regex(/^[1-9][0-9]{0,2}$/, 'TOLLGATE_DATABASE_POOL_SIZE must be a whole number from 1 to 999'),
    ),
    TOLLGATE_TOKEN_SECRET: optional(z.string()),
    TOLLGATE_TOKEN_SECRET_PREVIOUS: optional(z.string()),
    TOLLGATE_OWNER_EMAIL: optional(z.email('TOLLGATE_OWNER_EMAIL must be an email address').max(320)),
    TOLLGATE_OWNER_PASSWORD: optional(z.string()),
    TOLLGATE_METRICS_TOKEN: optional(
      z
        .string()
        .refine(
          (token) => token.trim().length >= MIN_METRICS_TOKEN_LENGTH && !/\s/.test(token.trim()),
          `TOLLGATE_METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters without spaces, ${SECRET_HINT}`,
        ),
    ),
    TOLLGATE_DRAIN_SECONDS: optional(
      z
        .string()
        .regex(
          /^(?:[0-9]|[1-9][0-9]|[12][0-9][0-9]|300)$/,
          'TOLLGATE_DRAIN_SECONDS must be a whole number from 0 to 300',
        ),
    ),
    TOLLGATE_TRUSTED_PROXIES: optional(
      z
        .string()
        .refine(
          (list) => proxyList(list).every((address) => isIP(address) !== 0),
          'TOLLGATE_TRUSTED_PROXIES must be IP addresses separated by commas',
        ),
    ),
  })
  .superRefine((env, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (env.PORT !== undefined && env.PORT !== '') {
      const port = Number(env.PORT);
      // A port is no secret: echoing it helps spot the typo.
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        issue('PORT', `PORT must be a whole number from 0 to 65535, got "${env.PORT}"`);
    }
    if (env.TOLLGATE_TOKEN_SECRET === undefined) {
      issue(
        'TOLLGATE_TOKEN_SECRET',
        `TOLLGATE_TOKEN_SECRET is required: at least ${MIN_TOKEN_SECRET_BYTES} random bytes as hex or base64, ${SECRET_HINT}`,
      );
    } else {
      checkTokenSecret('TOLLGATE_TOKEN_SECRET', env.TOLLGATE_TOKEN_SECRET, issue);
    }
    if (env.TOLLGATE_TOKEN_SECRET_PREVIOUS !== undefined) {
      checkTokenSecret('TOLLGATE_TOKEN_SECRET_PREVIOUS', env.TOLLGATE_TOKEN_SECRET_PREVIOUS, issue);
    }
    if ((env.TOLLGATE_OWNER_EMAIL === undefined) !== (env.TOLLGATE_OWNER_PASSWORD === undefined)) {
      issue(
        'TOLLGATE_OWNER_PASSWORD',
        'TOLLGATE_OWNER_EMAIL and TOLLGATE_OWNER_PASSWORD go together: set both or neither',
      );
    } else if (env.TOLLGATE_OWNER_PASSWORD !== undefined) {
      const problem = passwordProblem(env.TOLLGATE_OWNER_PASSWORD, env.TOLLGATE_OWNER_EMAIL);
      if (problem) issue('TOLLGATE_OWNER_PASSWORD', `TOLLGATE_OWNER_PASSWORD is too weak: ${problem}`);
    }
  });

const tokenKeyOf = (secret: string, previous: string | undefined): TokenKey => ({
  secret: new Uint8Array(decodeSecret(secret) as Buffer),
  ...(previous ? { previous: new Uint8Array(decodeSecret(previous) as Buffer) } : {}),
});

/** Runs one section's reader, keeping its error message instead of stopping at it. */
function collect<T>(problems: string[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

/** The secrets key is required: every instance must seal and open with the same one. */
function secretKeysConfig(env: Record<string, string | undefined>): SecretKeys {
  if (!env[SECRETS_KEY_ENV]?.trim()) {
    throw new Error(
      `${SECRETS_KEY_ENV} is required: 32 random bytes in base64 that seal webhook signing secrets at rest, ${SECRET_HINT}; keep it, stored secrets open only with it`,
    );
  }
  return secretKeysFromEnv(env);
}

/** Reads and checks the whole configuration, or throws one error listing every problem. */
export function hostedConfigFromEnv(env: Record<string, string | undefined>): HostedConfig {
  const problems: string[] = [];
  const parsed = serverEnvSchema.safeParse(env);
  if (!parsed.success) {
    problems.push(`Invalid server configuration: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const gateway = collect(problems, () => gatewayConfigFromEnv(env));
  const smtp = collect(problems, () => smtpConfigFromEnv(env));
  const restLimits = collect(problems, () => restLimitsFromEnv(env));
  const dataDir = parsed.data?.TOLLGATE_SERVER_DATA_DIR ?? join(defaultDataDir(env), 'server');
  const backups = collect(problems, () => backupSettingsFromEnv(env, dataDir));
  const secretKeys = collect(problems, () => secretKeysConfig(env));
  if (
    !parsed.success ||
    gateway === undefined ||
    smtp === undefined ||
    restLimits === undefined ||
    backups === undefined ||
    secretKeys === undefined
  ) {
    throw new Error(problems.join('\n'));
  }
  const e = parsed.data;
  return {
    port: e.PORT ? Number(e.PORT) : 0,
    host: e.HOST ?? '127.0.0.1',
    dataDir,
    postgres: e.DATABASE_URL
      ? { url: e.DATABASE_URL, poolSize: Number(e.TOLLGATE_DATABASE_POOL_SIZE ?? DEFAULT_POOL_SIZE) }
      : null,
    tokenKey: tokenKeyOf(e.TOLLGATE_TOKEN_SECRET as string, e.TOLLGATE_TOKEN_SECRET_PREVIOUS),
    owner:
      e.TOLLGATE_OWNER_EMAIL && e.TOLLGATE_OWNER_PASSWORD
        ? { email: e.TOLLGATE_OWNER_EMAIL, password: e.TOLLGATE_OWNER_PASSWORD }
        : null,
    gateway,
    smtp,
    trustedProxies: e.TOLLGATE_TRUSTED_PROXIES ? proxyList(e.TOLLGATE_TRUSTED_PROXIES) : [],
    restLimits,
    metricsToken: e.TOLLGATE_METRICS_TOKEN?.trim() ?? null,
    drainMs: Number(e.TOLLGATE_DRAIN_SECONDS ?? 0) * 1000,
    backups,
    secretKeys,
  };
}

/** Variables whose values are secrets: a log line never shows them (lib/log-scrub.ts masks them). */
const SECRET_VARIABLES = [
  'TOLLGATE_TOKEN_SECRET',
  'TOLLGATE_OWNER_PASSWORD',
  'TOLLGATE_METRICS_TOKEN',
  'SMTP_PASSWORD',
  'STRIPE_SECRET_KEY',
  'TOLLGATE_SECRETS_KEY',
  'TOLLGATE_SECRETS_KEY_PREVIOUS',
];

/** The configured secret values, for the logger to mask wherever they would appear. */
export function configuredSecrets(env: Record<string, string | undefined>): string[] {
  const values = SECRET_VARIABLES.map((name) => env[name]?.trim() ?? '');
  // Older secrets keys come as a list: each one is a secret on its own.
  values.push(...(env.TOLLGATE_SECRETS_KEY_PREVIOUS ?? '').split(',').map((part) => part.trim()));
  if (env.DATABASE_URL) {
    try {
      values.push(decodeURIComponent(new URL(env.DATABASE_URL).password));
    } catch {
      // An unreadable URL was refused by the configuration already.
    }
  }
  return values.filter((value) => value !== '');
}
