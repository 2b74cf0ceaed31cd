import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { signatureFor } from './signing';

/**
 * The verification function docs/webhooks.md tells receivers to copy, taken from the page
 * itself and run: a receiver copying it gets a check that works.
 */

type Verify = (rawBody: string, header: string | undefined, secret: string) => { id: string };

function documentedVerifier(): Verify {
  const page = readFileSync(resolve(import.meta.dirname, '../../../docs/webhooks.md'), 'utf8');
  const source = /```ts\n([\s\S]*?)```/.exec(page)?.[1];
  if (!source) throw new Error('docs/webhooks.md has no TypeScript block');
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs' });
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-docs-'));
  try {
    writeFileSync(join(dir, 'verify.cjs'), code);
    const loaded = createRequire(import.meta.url)(join(dir, 'verify.cjs')) as {
      verifyTollgateWebhook: Verify;
    };
    return loaded.verifyTollgateWebhook;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A made-up signing secret in the shape Tollgate issues, built here so no secret-looking literal sits in source. */
const testSecret = (name: string) => ['whsec', name.padEnd(24, '0')].join('_');

const SECRET = testSecret('documentedhelpersecret');
const BODY = JSON.stringify({ id: 'wev_1', type: 'invoice.paid', object_id: 'inv_1', sequence: 1, data: {} });

describe('the verification helper in docs/webhooks.md', () => {
  const verify = documentedVerifier();
  const now = Math.floor(Date.now() / 1000);

  it('accepts a delivery signed as Tollgate signs it', () => {
    expect(verify(BODY, signatureFor(SECRET, BODY, now), SECRET).id).toBe('wev_1');
  });

  it('accepts a delivery signed during a roll (one v1 per live secret) with either secret', () => {
    const OLD = testSecret('documentedoldsecret');
    const header = signatureFor([SECRET, OLD], BODY, now);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verify(BODY, header, SECRET).id).toBe('wev_1');
    expect(verify(BODY, header, OLD).id).toBe('wev_1');
    expect(() => verify(BODY, header, testSecret('neitherofthetwo'))).toThrow(/does not match/);
  });

  it('refuses a wrong secret, a changed body, an old signature and a missing header', () => {
    expect(() => verify(BODY, signatureFor(testSecret('someoneelse'), BODY, now), SECRET)).toThrow(
      /does not match/,
    );
    expect(() => verify(`${BODY} `, signatureFor(SECRET, BODY, now), SECRET)).toThrow(/does not match/);
    expect(() => verify(BODY, signatureFor(SECRET, BODY, now - 301), SECRET)).toThrow(/too old/);
    expect(() => verify(BODY, undefined, SECRET)).toThrow(/malformed/);
  });
});
