import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../app/router';
import { createCallerFactory } from '../../trpc/base';
import { createEmbeddedBackend, type EmbeddedBackend } from '../../embedded/backend';
import { silentLogger } from '../../lib/logger';
import { writeSetting } from '../tenants';
import type { SmtpConfig } from './config';

let dir: string;
let backend: EmbeddedBackend | null = null;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-delivery-'));
});
afterEach(async () => {
  await backend?.close();
  backend = null;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const SECRET_SMTP: SmtpConfig = {
  host: 'mail.secret-host.example',
  port: 587,
  secure: false,
  auth: { user: 'billing-login', pass: 'hunter2-smtp-password' },
  requireTls: true,
  from: 'billing@tollgate.test',
};

async function deliveryOf(name: string, demo: boolean, smtpConfig: SmtpConfig | null) {
  backend = await createEmbeddedBackend({
    dataDir: join(dir, name),
    demo: false,
    logger: silentLogger,
    smtpConfig,
    gatewayConfig: {},
  });
  // The flag a demo workspace is made with, without making its year of history.
  if (demo) await writeSetting(backend.database.db, 'workspace.demo', 'true');
  const staff = createCallerFactory(appRouter)(backend.contextFromHeaders(() => null, 'desktop'));
  return staff.emails.delivery();
}

describe('emails.delivery', () => {
  it('says emails are held when no SMTP server is configured', async () => {
    expect(await deliveryOf('none', false, null)).toEqual({ state: 'held_no_smtp', smtpConfigured: false });
  });

  it('says they are sent when SMTP is configured, and never what the server or its login are', async () => {
    const answer = await deliveryOf('smtp', false, SECRET_SMTP);
    expect(answer).toEqual({ state: 'sending', smtpConfigured: true });
    const text = JSON.stringify(answer);
    for (const secret of ['secret-host', 'billing-login', 'hunter2', '587'])
      expect(text).not.toContain(secret);
  });

  it('says the demo workspace holds them on purpose, with SMTP or without', async () => {
    expect(await deliveryOf('demo-smtp', true, SECRET_SMTP)).toEqual({
      state: 'held_demo',
      smtpConfigured: true,
    });
    expect(await deliveryOf('demo-none', true, null)).toEqual({ state: 'held_demo', smtpConfigured: false });
  });
});
