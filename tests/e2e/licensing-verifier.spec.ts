import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { issueFile } from '../../shared/licensing/files';
import { generateSigningKey } from '../../shared/licensing/keys';
import { fileContent, machineFileContent, NOW } from '../../shared/licensing/licensing.test-kit';
import { signLicenseKey, verifyLicenseKey } from '../../shared/licensing/signing';
import { verifyFile } from '../../shared/licensing/verifier';

/**
 * The offline verifier in Chromium, as a learning app's web build embeds it: files and keys
 * signed in Node verify in the browser (and a tampered one is refused there), and a key signed
 * in the browser verifies in Node. No console and no server: an empty page and the bundle.
 */

const PAGE = 'http://localhost/licensing-verifier';

const ENTRY = `
  export { verifyFile } from './verifier';
  export { verifyLicenseKey, signLicenseKey } from './signing';
  export { generateSigningKey } from './keys';
`;

async function verifierBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: ENTRY,
      resolveDir: resolve(import.meta.dirname, '../../shared/licensing'),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'TollgateLicensing',
    platform: 'browser',
  });
  return result.outputFiles[0]?.text ?? '';
}

test('the licensing verifier runs in Chromium with Web Crypto alone', async ({ page }) => {
  const { signingKey, publicKey } = await generateSigningKey('k1');
  const keySet = { keys: [publicKey] };
  const licenseKey = await signLicenseKey(
    { licenseId: 'lic_base', tenantId: 'ten_acme', issuedAt: NOW },
    signingKey,
  );
  const licenseFile = await issueFile(fileContent(), signingKey);
  const machineFile = await issueFile(machineFileContent('fp-0'), signingKey, { encryptWith: licenseKey });

  // Web Crypto needs a secure context, which about:blank is not; localhost is, and the route
  // answers it without a server.
  await page.route(PAGE, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>verifier</title>' }),
  );
  await page.goto(PAGE);
  await page.addScriptTag({ content: await verifierBundle() });

  const inBrowser = await page.evaluate(
    async ({ keySet, licenseKey, licenseFile, machineFile, now }) => {
      // The bundle's global, typed here only as far as this page uses it.
      type Call = (...args: unknown[]) => Promise<unknown>;
      type Api = Record<'verifyFile' | 'verifyLicenseKey' | 'signLicenseKey' | 'generateSigningKey', Call>;
      const api = (globalThis as unknown as { TollgateLicensing: Api }).TollgateLicensing;
      const tampered = licenseFile.replace(/\n(.)/, (_m, c: string) => `\n${c === 'A' ? 'B' : 'A'}`);
      const fresh = (await api.generateSigningKey('kb')) as { signingKey: unknown; publicKey: unknown };
      const payload = { licenseId: 'lic_browser', tenantId: 'ten_acme', issuedAt: now };
      return {
        license: await api.verifyFile(licenseFile, { keySet, now }),
        machine: await api.verifyFile(machineFile, { keySet, now, licenseKey, fingerprint: 'fp-0' }),
        otherMachine: await api.verifyFile(machineFile, { keySet, now, licenseKey, fingerprint: 'fp-1' }),
        tampered: await api.verifyFile(tampered, { keySet, now }),
        key: await api.verifyLicenseKey(licenseKey, keySet),
        browserKey: { key: await api.signLicenseKey(payload, fresh.signingKey), publicKey: fresh.publicKey },
      };
    },
    { keySet, licenseKey, licenseFile, machineFile, now: NOW },
  );

  expect(inBrowser.license).toEqual(await verifyFile(licenseFile, { keySet, now: NOW }));
  expect(inBrowser.machine).toMatchObject({ ok: true, kind: 'machine', machine: { fingerprint: 'fp-0' } });
  expect(inBrowser.otherMachine).toMatchObject({ ok: false, reason: 'DECRYPTION_FAILED' });
  expect(inBrowser.tampered).toMatchObject({ ok: false });
  expect(inBrowser.key).toMatchObject({ ok: true, payload: { licenseId: 'lic_base' } });
  const browserKey = inBrowser.browserKey as { key: string; publicKey: typeof publicKey };
  expect(await verifyLicenseKey(browserKey.key, { keys: [browserKey.publicKey] })).toMatchObject({
    ok: true,
    payload: { licenseId: 'lic_browser' },
  });
});
