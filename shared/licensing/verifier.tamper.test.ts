import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { armor, dearmor } from './armor';
import { fromBase64url, jsonBytes, parseJsonBytes, toBase64url } from './encoding';
import { issueFile, type Envelope } from './files';
import { generateSigningKey, type KeySet, type SigningKey } from './keys';
import { fileContent, machineFileContent, NOW } from './licensing.test-kit';
import { verifyFile } from './verifier';

const LICENSE_KEY = 'TG1.k1.eyJ2IjoxfQ.c2ln';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

let signer: SigningKey;
let keySet: KeySet;
beforeAll(async () => {
  const key = await generateSigningKey('k1');
  signer = key.signingKey;
  keySet = { keys: [key.publicKey, (await generateSigningKey('k2')).publicKey] };
});

const options = { now: NOW, licenseKey: LICENSE_KEY, fingerprint: 'fp-0' };
const verify = (text: string) => verifyFile(text, { keySet, ...options });

function envelopeOf(text: string): Envelope {
  return parseJsonBytes((dearmor(text) as { bytes: Uint8Array }).bytes) as Envelope;
}
const rewrap = (kind: 'license' | 'machine', envelope: unknown) => armor(kind, jsonBytes(envelope));

/** Every leaf of a JSON value with a path to it. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      leaves(v, [...path, Array.isArray(value) ? Number(k) : k]),
    );
  }
  return [path];
}

function changedAt(value: unknown, path: (string | number)[]): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  const old = node[last];
  node[last] =
    typeof old === 'number'
      ? old + 1
      : typeof old === 'string'
        ? `${old}x`
        : typeof old === 'boolean'
          ? !old
          : 0;
  return copy;
}

describe('tampering', () => {
  for (const [name, make] of [
    ['a signed license file', () => issueFile(fileContent(), signer)],
    [
      'an encrypted machine file',
      () => issueFile(machineFileContent(), signer, { encryptWith: LICENSE_KEY }),
    ],
  ] as const) {
    it(`${name}: every changed character of the body is refused`, async () => {
      const text = await make();
      expect(await verify(text)).toMatchObject({ ok: true });
      const bodyStart = text.indexOf('\n') + 1;
      const bodyEnd = text.lastIndexOf('-----END');
      for (let at = bodyStart; at < bodyEnd; at++) {
        const char = text[at] as string;
        if (char === '\n') continue;
        const other = ALPHABET[(ALPHABET.indexOf(char) + 1) % ALPHABET.length] as string;
        const result = await verify(text.slice(0, at) + other + text.slice(at + 1));
        expect(result.ok, `character ${at - bodyStart} of the body`).toBe(false);
      }
    });
  }

  it('every envelope field changed is refused, with the reason it earns', async () => {
    const text = await issueFile(fileContent(), signer);
    const envelope = envelopeOf(text);
    const cases: [Partial<Envelope> | Record<string, unknown>, string][] = [
      [{ kid: 'k2' }, 'BAD_SIGNATURE'],
      [{ kid: 'k3' }, 'UNKNOWN_KEY'],
      [{ alg: 'aes-256-gcm+ed25519' }, 'BAD_SIGNATURE'],
      [{ alg: 'none' }, 'MALFORMED'],
      [{ sig: toBase64url(new Uint8Array(64)) }, 'BAD_SIGNATURE'],
      [{ sig: envelope.sig.slice(0, -2) }, 'BAD_SIGNATURE'],
      [{ sig: 'a*b' }, 'MALFORMED'],
      [{ enc: toBase64url(jsonBytes({ ...fileContent(), issuedAt: NOW })) }, 'BAD_SIGNATURE'],
      [{ enc: 42 }, 'MALFORMED'],
    ];
    for (const [change, reason] of cases) {
      const result = await verify(rewrap('license', { ...envelope, ...change }));
      expect(result, JSON.stringify(change)).toMatchObject({ ok: false, reason });
    }
  });

  it('every field of the content changed is refused (license, policy, limits, branding, machine, times)', async () => {
    const content = machineFileContent();
    const text = await issueFile(content, signer);
    const envelope = envelopeOf(text);
    const signed = parseJsonBytes(fromBase64url(envelope.enc) as Uint8Array);
    const paths = leaves(signed);
    expect(paths.length).toBeGreaterThan(30);
    for (const path of paths) {
      const enc = toBase64url(jsonBytes(changedAt(signed, path)));
      const result = await verify(rewrap('machine', { ...envelope, enc }));
      expect(result, path.join('.')).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    }
  });

  it('random bytes, random envelopes and random text are refused, never thrown', async () => {
    const envelope = fc.record(
      {
        enc: fc.base64String(),
        sig: fc.base64String(),
        alg: fc.constantFrom('ed25519', 'aes-256-gcm+ed25519', 'x'),
        kid: fc.constantFrom('k1', 'k2', 'k.1'),
      },
      { requiredKeys: [] },
    );
    const texts = fc.oneof(
      fc.uint8Array({ minLength: 1 }).map((bytes) => armor('machine', bytes)),
      fc.jsonValue().map((value) => armor('license', jsonBytes(value))),
      envelope.map((value) => armor('license', jsonBytes(value))),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        expect((await verify(text)).ok).toBe(false);
      }),
    );
  });
});
