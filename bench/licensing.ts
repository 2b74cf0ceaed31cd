/**
 * Licensing, offline part: what one verification costs as an app runs it — a license key, a
 * signed license file, an encrypted machine file — beside the raw Ed25519 verify they are built
 * on (Web Crypto, and node:crypto's synchronous one), and the validation decision alone. Each
 * row: calls per second, wall µs and CPU µs per call, one call at a time and 16 in flight (Web
 * Crypto runs on libuv's thread pool, so calls in flight overlap). The aim: ≤ 0.2 ms a verification.
 * On a loaded machine judge by CPU µs (the load average is printed before and after).
 *
 *   npm run bench:licensing -- [calls per row]
 */
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { loadavg } from 'node:os';
import { decide } from '../shared/licensing/decision';
import { issueFile } from '../shared/licensing/files';
import { generateSigningKey, signBytes } from '../shared/licensing/keys';
import {
  baseRequest,
  basePolicy,
  baseState,
  fileContent,
  machineFileContent,
  NOW,
} from '../shared/licensing/licensing.test-kit';
import { signLicenseKey, verifyLicenseKey } from '../shared/licensing/signing';
import { verifyFile } from '../shared/licensing/verifier';
import { table } from './lib/stats';

const calls = Number(process.argv[2] ?? 20_000);
const IN_FLIGHT = 16;
const say = (text: string) => process.stdout.write(`${text}\n`);
const load = () => loadavg()[0]?.toFixed(2) ?? '?';

interface Row {
  name: string;
  wallUs: number;
  cpuUs: number;
  perSecond: number;
}

/** Runs `fn` `calls` times, `inFlight` at once, after a warm-up; wall and CPU per call. */
async function measure(name: string, fn: () => unknown, inFlight = 1): Promise<Row> {
  for (let i = 0; i < Math.min(500, calls); i++) await fn();
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let done = 0; done < calls; done += inFlight) {
    await Promise.all(Array.from({ length: Math.min(inFlight, calls - done) }, () => fn()));
  }
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    name: inFlight === 1 ? name : `${name}, ${inFlight} in flight`,
    wallUs: (wallMs * 1000) / calls,
    cpuUs: (used.user + used.system) / calls,
    perSecond: calls / (wallMs / 1000),
  };
}

async function main() {
  const { signingKey, publicKey } = await generateSigningKey('k1');
  const keySet = { keys: [publicKey] };
  const licenseKey = await signLicenseKey(
    { licenseId: 'lic_base', tenantId: 'ten_acme', issuedAt: NOW },
    signingKey,
  );
  const licenseFile = await issueFile(fileContent(), signingKey);
  const machineFile = await issueFile(machineFileContent('fp-0'), signingKey, { encryptWith: licenseKey });
  const message = new TextEncoder().encode(licenseFile);
  const signature = await signBytes(signingKey, message);
  const nodeKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.x }, format: 'jwk' });
  const subtleKey = await crypto.subtle.importKey('jwk', { ...publicKey, ext: true }, 'Ed25519', false, [
    'verify',
  ]);
  const machineOptions = { keySet, now: NOW, licenseKey, fingerprint: 'fp-0' };
  const [state, policy, request] = [baseState(), basePolicy(), baseRequest()];
  for (const [name, file] of [
    ['license file', licenseFile],
    ['machine file', machineFile],
  ]) {
    const result = await verifyFile(
      file as string,
      name === 'machine file' ? machineOptions : { keySet, now: NOW },
    );
    if (!result.ok) throw new Error(`the ${name} does not verify: ${result.reason}`);
  }

  say(`licensing, offline: ${calls} calls per row, load ${load()}, license file ${licenseFile.length} chars`);
  const rows: Row[] = [];
  for (const inFlight of [1, IN_FLIGHT]) {
    rows.push(
      await measure(
        'raw Ed25519 verify (Web Crypto)',
        () => crypto.subtle.verify('Ed25519', subtleKey, signature, message),
        inFlight,
      ),
    );
    rows.push(await measure('verifyLicenseKey', () => verifyLicenseKey(licenseKey, keySet), inFlight));
    rows.push(
      await measure(
        'verifyFile, signed license file',
        () => verifyFile(licenseFile, { keySet, now: NOW }),
        inFlight,
      ),
    );
    rows.push(
      await measure(
        'verifyFile, encrypted machine file',
        () => verifyFile(machineFile, machineOptions),
        inFlight,
      ),
    );
  }
  rows.push(
    await measure('raw Ed25519 verify (node:crypto, sync)', () =>
      nodeVerify(null, message, nodeKey, signature),
    ),
  );
  rows.push(await measure('decide (validation decision)', () => decide(state, policy, request, NOW)));
  const raw = rows[0] as Row;
  say(
    table([
      ['', 'calls/s', 'wall µs/call', 'CPU µs/call', 'CPU ÷ raw Web Crypto verify'],
      ...rows.map((r) => [
        r.name,
        Math.round(r.perSecond).toLocaleString('en-US'),
        r.wallUs.toFixed(1),
        r.cpuUs.toFixed(1),
        `${(r.cpuUs / raw.cpuUs).toFixed(2)}×`,
      ]),
    ]),
  );
  say(`load after: ${load()}`);
}

await main();
