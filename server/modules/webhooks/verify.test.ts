/** The shared verifier (Web Crypto) checked against Node's own HMAC: kept on the server because shared/ imports no runtime. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  parseSignatureHeader,
  signatureHeader,
  verifyWebhook,
  WebhookVerificationError,
} from '../../../shared/webhooks/verify';

const SECRET = 'whsec_testsecretfortollgatewebhooks';
const BODY = JSON.stringify({
  id: 'wev_1',
  object: 'event',
  type: 'invoice.paid',
  data: { object: { id: 'inv_1' } },
});
const NOW = 1_780_000_000;

/** What any language does: HMAC-SHA256 over "<t>.<body>", hex. */
const nodeSignature = (t: number, body = BODY, secret = SECRET) =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

describe('verifyWebhook', () => {
  it('accepts a body signed with the secret and returns it parsed', async () => {
    const body = await verifyWebhook<{ id: string }>(BODY, nodeSignature(NOW), SECRET, { nowSeconds: NOW });
    expect(body.id).toBe('wev_1');
  });

  it('signs exactly as node:crypto does', async () => {
    expect(await signatureHeader(SECRET, BODY, NOW)).toBe(nodeSignature(NOW));
  });

  it('accepts any one matching v1 among several (a rotation)', async () => {
    const other = nodeSignature(NOW, BODY, 'whsec_othersecretxxxxxxxx').split('v1=')[1];
    const header = `t=${NOW},v1=${other},${nodeSignature(NOW).split(',')[1]}`;
    await expect(verifyWebhook(BODY, header, SECRET, { nowSeconds: NOW })).resolves.toBeTruthy();
  });

  it.each([
    ['a wrong secret', BODY, nodeSignature(NOW, BODY, 'whsec_notthesecretatall'), /No signature matches/],
    ['a changed body', BODY.replace('inv_1', 'inv_2'), nodeSignature(NOW), /No signature matches/],
    [
      're-serialised JSON',
      JSON.stringify(JSON.parse(BODY), null, 2),
      nodeSignature(NOW),
      /No signature matches/,
    ],
    ['a stale signature', BODY, nodeSignature(NOW - 301), /too old or too far ahead/],
    ['a signature from the future', BODY, nodeSignature(NOW + 301), /too old or too far ahead/],
    ['no timestamp', BODY, nodeSignature(NOW).replace(/^t=\d+,/, ''), /no timestamp/],
    ['no v1', BODY, `t=${NOW},v0=abc`, /no v1 signature/],
    ['no header', BODY, '', /no Tollgate-Signature header/],
  ])('refuses %s', async (_what, body, header, message) => {
    await expect(verifyWebhook(body, header, SECRET, { nowSeconds: NOW })).rejects.toThrow(message);
    await expect(verifyWebhook(body, header, SECRET, { nowSeconds: NOW })).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
  });

  it('reads the header whatever its spacing and ignores unknown parts', () => {
    expect(parseSignatureHeader(`t=${NOW}, v1=${'a'.repeat(64)}, v9=zzz`)).toEqual({
      timestamp: NOW,
      signatures: ['a'.repeat(64)],
    });
  });
});
