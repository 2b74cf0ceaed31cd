import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serveBackend } from '../http/run';
import { createHostedBackend } from '../hosted/backend';
import { configuredSecrets } from '../hosted/config';
import { callHosted, TEST_OWNER, TEST_SCRYPT } from '../hosted/hosted.test-kit';
import { ManualClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { testServerPostgres } from '../testing/test-database.test-kit';
import { logScrubber } from './log-scrub';
import type { AppRouter } from '../app/router';
import { publicProcedure, router } from '../trpc/base';

/**
 * A run of the hosted server that carries every kind of secret, in inputs, headers and in errors
 * that get logged (in messages and causes), at debug level: no value may appear in the log.
 * Every value is made at run time (none is a literal in the code).
 */

const random = (n = 24) => randomBytes(n).toString('base64url').replace(/[-_]/g, 'x');
const SECRETS = {
  password: `pass-${random()}`,
  refreshToken: `rt_${random(32)}`,
  apiKey: `tg_key_${random()}`,
  stripeSecretKey: ['sk', 'live', random()].join('_'),
  stripeRestrictedKey: ['rk', 'test', random()].join('_'),
  stripeEndpointSecret: `whsec_${random()}`,
  outgoingWebhookSecret: `whsec_${random()}`,
  tokenSecret: random(32),
  smtpPassword: `smtp-${random()}`,
  metricsToken: `metrics-${random()}`,
  cardNumber: '4242 4242 4242 4242',
};
const CVC = `${100 + randomBytes(1).readUInt8(0)}`;
/** Typed by a user into a password field and, in the same request, into free text. */
const TYPED = { password: `typed-${random(12)}`, newPassword: `chosen-${random(12)}` };

/**
 * Beside the app's procedures, one that fails quoting its input in the error, as a library's
 * error or a careless message may: the shape of the leak the request's own secrets close.
 */
function withInputQuotingProcedure(app: AppRouter): AppRouter {
  const quoting = publicProcedure.input(z.unknown()).mutation(({ input }) => {
    throw new Error(`could not keep the note ${JSON.stringify(input)}`);
  });
  return router({ ...app._def.record, probe: router({ quoteInput: quoting }) });
}

let dir: string;
let served: { url: string; stop(): Promise<void> };
let output = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-redaction-'));
  const env = {
    TOLLGATE_TOKEN_SECRET: SECRETS.tokenSecret,
    TOLLGATE_OWNER_PASSWORD: TEST_OWNER.password,
    SMTP_PASSWORD: SECRETS.smtpPassword,
    STRIPE_SECRET_KEY: SECRETS.stripeSecretKey,
    TOLLGATE_METRICS_TOKEN: SECRETS.metricsToken,
  };
  const logger = createLogger(
    { level: 'debug', name: 'redaction-test', scrub: logScrubber(configuredSecrets(env)) },
    { write: (line: string) => void (output += line) },
  );
  const postgres = await (testServerPostgres(dir) ?? null);
  served = await serveBackend({
    backend: async () => {
      const hosted = await createHostedBackend({
        config: {
          dataDir: join(dir, 'server'),
          postgres,
          tokenKey: { secret: new TextEncoder().encode('test-only token secret, 32 bytes+') },
          owner: TEST_OWNER,
          gateway: {},
          smtp: null,
        },
        logger,
        clock: new ManualClock(Date.UTC(2026, 0, 15)),
        scrypt: TEST_SCRYPT,
      });
      return { ...hosted, router: withInputQuotingProcedure(hosted.router) };
    },
    port: 0,
    anyHost: true,
    clientKind: 'hosted',
    logger,
    rest: {},
    metricsToken: SECRETS.metricsToken,
  });
  // Requests that carry the secrets in inputs and headers.
  await callHosted(served.url, 'mutation', 'auth.login', {
    email: TEST_OWNER.email,
    password: SECRETS.password,
  });
  await callHosted(served.url, 'mutation', 'auth.refresh', { refreshToken: SECRETS.refreshToken });
  // Passwords typed into free text of the same request: quoted by a failing procedure's error.
  const quoted = await callHosted(served.url, 'mutation', 'probe.quoteInput', {
    password: TYPED.password,
    account: { newPassword: TYPED.newPassword },
    note: `my password is ${TYPED.password}, the new one ${TYPED.newPassword}`,
  });
  expect(quoted.status).toBe(500);
  await callHosted(served.url, 'query', 'customers.list', {}, { token: SECRETS.refreshToken });
  await fetch(`${served.url}/api/v1/customers`, { headers: { authorization: `Bearer ${SECRETS.apiKey}` } });
  await fetch(`${served.url}/metrics`, { headers: { authorization: `Bearer ${SECRETS.metricsToken}x` } });
  await fetch(`${served.url}/webhooks/stripe/ten_nobody`, {
    method: 'POST',
    headers: {
      'stripe-signature': `t=1,v1=${SECRETS.stripeEndpointSecret}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ card: { number: SECRETS.cardNumber, cvc: CVC } }),
  });
  // Errors that get logged: values in structured fields, in messages and in causes.
  // Outside any request a password a user typed has no shape and is configured nowhere: in a
  // free-text message it could not be told from other words (inside one, see TYPED above).
  const values = Object.values(SECRETS).filter((value) => value !== SECRETS.password);
  logger.info({ input: { ...SECRETS, card: { number: SECRETS.cardNumber, cvc: CVC } } }, 'an input');
  logger.error({ err: new Error(`failed with ${values.join(' and ')}`) }, 'an error');
  logger.warn(
    {
      err: new Error('outer', { cause: new Error(`inner ${values.join(', ')}`) }),
      headers: { authorization: `Bearer ${SECRETS.apiKey}` },
    },
    `a message naming ${SECRETS.outgoingWebhookSecret} and ${SECRETS.stripeRestrictedKey}`,
  );
});
afterAll(async () => {
  await served?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the log of a run carrying every kind of secret', () => {
  it('holds none of their values, in normal lines or logged errors', () => {
    expect(output).toContain('an error');
    expect(output).toContain('could not keep the note');
    expect(output).toContain('caused by');
    for (const [kind, value] of Object.entries(SECRETS)) {
      expect(output.includes(value), `${kind} appears in the log`).toBe(false);
    }
    for (const [kind, value] of Object.entries(TYPED)) {
      expect(output.includes(value), `a typed ${kind} quoted in free text appears in the log`).toBe(false);
    }
    expect(output.includes(SECRETS.cardNumber.replace(/ /g, '')), 'the card number, unspaced').toBe(false);
    expect(output).not.toContain(`"cvc":"${CVC}"`);
  });
});
