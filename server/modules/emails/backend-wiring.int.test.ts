import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../../../tests/support/spawn-server';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp';
import { waitFor } from '../../../tests/support/wait';
import { appRouter } from '../../app/router';
import { createCallerFactory } from '../../trpc/base';
import { createEmbeddedBackend, type EmbeddedBackend } from '../../embedded/backend';
import { silentLogger } from '../../lib/logger';
import { DEMO_HOLD } from './delivery';
import { loopbackSmtp } from './emails.test-kit';

let dir: string;
let smtp: TestSmtpServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-emails-'));
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (backend: EmbeddedBackend, where = '1') =>
  (
    backend.database.sqlite.prepare(`SELECT count(*) AS n FROM email_outbox WHERE ${where}`).get() as {
      n: number;
    }
  ).n;

describe('the embedded backend', () => {
  it('sends from its own loop over SMTP', async () => {
    const backend = await createEmbeddedBackend({
      dataDir: join(dir, 'plain'),
      demo: false,
      logger: silentLogger,
      smtpConfig: loopbackSmtp(smtp.port),
      gatewayConfig: {},
    });
    const staff = createCallerFactory(appRouter)(backend.contextFromHeaders(() => null, 'desktop'));
    const product = await staff.catalog.createProduct({ name: 'Academy' });
    const plan = await staff.catalog.createPlan({ productId: product.id, name: 'Gold' });
    const price = await staff.catalog.createPrice({
      planId: plan.id,
      amount: 1500,
      currency: 'EUR',
      interval: 'month',
    });
    const ada = await staff.customers.create({
      name: 'Ada Lovelace',
      email: 'ada@lovelace.test',
      country: 'GB',
    });
    await staff.paymentMethods.add({ customerId: ada.id, source: '4242 4242 4242 4242' });
    await staff.subscriptions.create({ customerId: ada.id, priceId: price.id, trialDays: 0 });

    await waitFor('the receipt to reach the SMTP server', () => smtp.received.length > 0);
    await backend.close();
    expect(smtp.received.map((m) => [m.to, m.from, m.subject])).toEqual([
      [
        'ada@lovelace.test',
        'My workspace <billing@tollgate.test>',
        'Receipt for INV-000001 from My workspace',
      ],
    ]);
    expect(smtp.received[0]?.text).toContain('We received your payment of €15.00');
  });

  it('never emails the demo workspace’s made-up customers, even with SMTP configured', async () => {
    const backend = await createEmbeddedBackend({
      dataDir: join(dir, 'demo'),
      demo: true,
      logger: silentLogger,
      smtpConfig: loopbackSmtp(smtp.port),
      gatewayConfig: {},
    });
    const before = smtp.received.length;
    await waitFor(
      'the demo emails to be written and none left pending',
      () => count(backend) > 0 && count(backend, "status = 'pending'") === 0,
    );
    expect(count(backend, `status = 'held' AND last_error = '${DEMO_HOLD}'`)).toBe(count(backend));
    await backend.close();
    expect(smtp.received.length).toBe(before);
  });
});

describe('a bad SMTP environment', () => {
  it('stops the server at start with a message naming each variable, never the password', async () => {
    const started = spawnServer({
      entry: 'server/hosted/main.ts',
      env: {
        TOLLGATE_SERVER_DATA_DIR: dir,
        SMTP_HOST: 'smtp.example.com',
        SMTP_PORT: 'twenty-five',
        SMTP_USER: 'billing',
        SMTP_PASSWORD: 'hunter2-do-not-print',
        SMTP_FROM: 'not an address',
      },
      announce: 'Tollgate server:',
    });
    const error = await started.then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('Invalid email (SMTP) configuration');
    expect(error?.message).toContain('SMTP_PORT must be a whole number from 1 to 65535');
    expect(error?.message).toContain('SMTP_FROM must be an email address');
    expect(error?.message).not.toContain('hunter2');
  });
});
