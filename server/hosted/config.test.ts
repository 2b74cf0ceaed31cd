import { describe, expect, it } from 'vitest';
import { configuredSecrets, decodeSecret, hostedConfigFromEnv } from './config';
import { DEFAULT_REST_LIMITS } from './rest/limits';

const SECRET = Buffer.alloc(32, 7).toString('base64');
const GOOD = {
  TOLLGATE_TOKEN_SECRET: SECRET,
  TOLLGATE_SERVER_DATA_DIR: '/var/lib/tollgate',
  TOLLGATE_OWNER_EMAIL: 'owner@example.com',
  TOLLGATE_OWNER_PASSWORD: 'a long and private passphrase',
  TOLLGATE_SECRETS_KEY: Buffer.alloc(32, 9).toString('base64'),
};

function problemsOf(env: Record<string, string>): string {
  try {
    hostedConfigFromEnv(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('hosted server configuration', () => {
  it('reads a good environment, defaulting to 127.0.0.1 and a free port', () => {
    const config = hostedConfigFromEnv(GOOD);
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(0);
    expect(config.dataDir).toBe('/var/lib/tollgate');
    expect(Buffer.from(config.tokenKey.secret)).toEqual(Buffer.alloc(32, 7));
    expect(config.owner).toEqual({ email: 'owner@example.com', password: GOOD.TOLLGATE_OWNER_PASSWORD });
    expect(config.smtp).toBeNull();
  });

  it('runs on SQLite in the data folder unless DATABASE_URL names a PostgreSQL database', () => {
    expect(hostedConfigFromEnv(GOOD).postgres).toBeNull();
    const url = ['postgres://tollgate:', 'pw', '@db.internal:5432/tollgate'].join('');
    expect(hostedConfigFromEnv({ ...GOOD, DATABASE_URL: url }).postgres).toEqual({ url, poolSize: 10 });
    expect(
      hostedConfigFromEnv({ ...GOOD, DATABASE_URL: url, TOLLGATE_DATABASE_POOL_SIZE: '32' }).postgres,
    ).toEqual({ url, poolSize: 32 });
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, without echoing it', () => {
    const url = ['mysql://root:', 'hunter2', '@db/tollgate'].join('');
    const message = problemsOf({ ...GOOD, DATABASE_URL: url, TOLLGATE_DATABASE_POOL_SIZE: '0' });
    expect(message).toContain('DATABASE_URL must be a PostgreSQL URL');
    expect(message).toContain('TOLLGATE_DATABASE_POOL_SIZE must be a whole number from 1 to 999');
    expect(message).not.toContain('hunter2');
  });

  it('listens elsewhere only when HOST says so', () => {
    expect(hostedConfigFromEnv({ ...GOOD, HOST: '0.0.0.0', PORT: '8080' })).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
    });
  });

  it('believes no proxy unless TOLLGATE_TRUSTED_PROXIES names it by address', () => {
    expect(hostedConfigFromEnv(GOOD).trustedProxies).toEqual([]);
    expect(
      hostedConfigFromEnv({ ...GOOD, TOLLGATE_TRUSTED_PROXIES: ' 10.0.0.2, ::1 ,' }).trustedProxies,
    ).toEqual(['10.0.0.2', '::1']);
    expect(problemsOf({ ...GOOD, TOLLGATE_TRUSTED_PROXIES: '10.0.0.2, proxy.internal' })).toContain(
      'TOLLGATE_TRUSTED_PROXIES must be IP addresses separated by commas',
    );
  });

  it('reads the REST API limits, keeping the defaults for what is not set', () => {
    expect(hostedConfigFromEnv(GOOD).restLimits).toEqual(DEFAULT_REST_LIMITS);
    expect(
      hostedConfigFromEnv({ ...GOOD, TOLLGATE_REST_KEY_RATE: '25', TOLLGATE_REST_BODY_LIMIT: '2048' })
        .restLimits,
    ).toMatchObject({ perKey: { perSecond: 25 }, bodyBytes: 2048 });
  });

  it('reports a bad REST limit with the other problems', () => {
    const message = problemsOf({ ...GOOD, PORT: 'eighty', TOLLGATE_REST_ADDRESS_BURST: 'lots' });
    expect(message).toContain('PORT must be a whole number');
    expect(message).toContain('TOLLGATE_REST_ADDRESS_BURST must be a whole number of requests');
  });

  it('reports every bad variable at once, each by name, and never a secret', () => {
    const weak = 'Password1234';
    const message = problemsOf({
      PORT: 'eighty',
      HOST: 'not a host!',
      TOLLGATE_SERVER_DATA_DIR: 'relative/dir',
      TOLLGATE_TOKEN_SECRET: 'c2hvcnQtc2VjcmV0',
      TOLLGATE_OWNER_EMAIL: 'owner@example.com',
      TOLLGATE_OWNER_PASSWORD: weak,
      STRIPE_SECRET_KEY: 'pk_live_notasecretkeyatall',
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: 'twenty-five',
      SMTP_USER: 'billing',
      SMTP_PASSWORD: 'hunter2-do-not-print',
      SMTP_FROM: 'billing@example.com',
    });
    expect(message).toContain('PORT must be a whole number from 0 to 65535, got "eighty"');
    expect(message).toContain('HOST must be an IP address or a host name');
    expect(message).toContain('TOLLGATE_SERVER_DATA_DIR must be an absolute path');
    expect(message).toContain('TOLLGATE_TOKEN_SECRET must hold at least 32 bytes, it holds 12');
    expect(message).toContain('TOLLGATE_OWNER_PASSWORD is too weak');
    expect(message).toContain('STRIPE_SECRET_KEY must be a Stripe secret or restricted key');
    expect(message).toContain('SMTP_PORT must be a whole number from 1 to 65535');
    for (const secret of ['c2hvcnQtc2VjcmV0', weak, 'hunter2', 'pk_live_notasecretkeyatall']) {
      expect(message).not.toContain(secret);
    }
  });

  it('requires the token secret and the owner email and password together', () => {
    const message = problemsOf({ TOLLGATE_OWNER_EMAIL: 'owner@example.com' });
    expect(message).toMatch(/TOLLGATE_TOKEN_SECRET is required: at least 32 random bytes/);
    expect(message).toContain('TOLLGATE_OWNER_EMAIL and TOLLGATE_OWNER_PASSWORD go together');
    expect(message).toMatch(
      /TOLLGATE_SECRETS_KEY is required: 32 random bytes in base64 .*openssl rand -base64 32/,
    );
    expect(problemsOf({ ...GOOD, TOLLGATE_TOKEN_SECRET: 'not base64 at all!' })).toContain(
      'TOLLGATE_TOKEN_SECRET must be written as hex or base64',
    );
  });

  it('takes a previous token secret for rotation, checked like the current one', () => {
    const previous = Buffer.alloc(32, 9);
    const config = hostedConfigFromEnv({ ...GOOD, TOLLGATE_TOKEN_SECRET_PREVIOUS: previous.toString('hex') });
    expect(config.tokenKey.previous).toEqual(new Uint8Array(previous));
    expect(hostedConfigFromEnv(GOOD).tokenKey.previous).toBeUndefined();
    const short = Buffer.alloc(8, 3).toString('base64');
    const message = problemsOf({ ...GOOD, TOLLGATE_TOKEN_SECRET_PREVIOUS: short });
    expect(message).toContain('TOLLGATE_TOKEN_SECRET_PREVIOUS must hold at least 32 bytes, it holds 8');
    expect(message).not.toContain(short);
  });

  it('takes the secret as hex or base64', () => {
    expect(decodeSecret('ab'.repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(decodeSecret(Buffer.alloc(40, 1).toString('base64url'))).toEqual(Buffer.alloc(40, 1));
    expect(decodeSecret('spaces are not base64')).toBeNull();
  });

  it('reads the metrics token and the drain, refusing a short token without echoing it', () => {
    const token = Buffer.alloc(24, 3).toString('hex');
    const config = hostedConfigFromEnv({
      ...GOOD,
      TOLLGATE_METRICS_TOKEN: token,
      TOLLGATE_DRAIN_SECONDS: '15',
    });
    expect(config.metricsToken).toBe(token);
    expect(config.drainMs).toBe(15_000);
    expect(hostedConfigFromEnv(GOOD)).toMatchObject({ metricsToken: null, drainMs: 0 });
    const short = token.slice(0, 10);
    const refused = () =>
      hostedConfigFromEnv({ ...GOOD, TOLLGATE_METRICS_TOKEN: short, TOLLGATE_DRAIN_SECONDS: '301' });
    expect(refused).toThrow('TOLLGATE_METRICS_TOKEN must be at least 24 characters');
    expect(refused).toThrow('TOLLGATE_DRAIN_SECONDS must be a whole number from 0 to 300');
    expect(refused).not.toThrow(short);
  });

  it('lists the configured secret values for the log scrubber, the database password included', () => {
    const secrets = configuredSecrets({
      ...GOOD,
      DATABASE_URL: 'postgres://u:p%40ss-word-1@db:5432/t',
      SMTP_PASSWORD: ' ',
    });
    expect(secrets).toContain(SECRET);
    expect(secrets).toContain('p@ss-word-1');
    expect(secrets).toContain(GOOD.TOLLGATE_SECRETS_KEY);
    expect(secrets).not.toContain('');
  });

  it('reads the secrets key and its predecessors, refusing one that is not 32 bytes of base64', () => {
    const older = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)].map((b) => b.toString('base64'));
    const config = hostedConfigFromEnv({ ...GOOD, TOLLGATE_SECRETS_KEY_PREVIOUS: older.join(',') });
    expect(config.secretKeys?.current.key).toEqual(Buffer.alloc(32, 9));
    expect(config.secretKeys?.previous.map((k) => k.key)).toEqual([Buffer.alloc(32, 1), Buffer.alloc(32, 2)]);
    expect(configuredSecrets({ ...GOOD, TOLLGATE_SECRETS_KEY_PREVIOUS: older.join(',') })).toEqual(
      expect.arrayContaining(older),
    );
    const short = Buffer.alloc(16, 3).toString('base64');
    const message = problemsOf({ ...GOOD, TOLLGATE_SECRETS_KEY: short });
    expect(message).toContain('TOLLGATE_SECRETS_KEY must be 32 random bytes in base64');
    expect(message).not.toContain(short);
  });
});
