import {
  createSecretBox,
  SecretBoxError,
  type SecretBox,
  type SecretKey,
  type SecretKeys,
} from './secret-box';

/**
 * The process's secret box: the webhook modules seal and open their stored signing secrets
 * with it (issue 13). The backend installs its keys at start (server/backend/seal-secrets.ts),
 * before any request or loop reads a secret. Installing again keeps the keys already
 * installed as opening keys and seals with the newest: one process may host several backends
 * (tests run a hosted server and desktops side by side), each reading what it sealed.
 */
let sealing: SecretKey | null = null;
const opening = new Map<string, SecretKey>();
let box: SecretBox | null = null;

export function installSecretKeys(keys: SecretKeys): void {
  for (const key of [keys.current, ...keys.previous]) opening.set(key.id, key);
  sealing = keys.current;
  box = createSecretBox(
    sealing,
    [...opening.values()].filter((key) => key.id !== keys.current.id),
  );
}

/** The installed box; a backend that reads secrets before installing its keys is a bug, said so. */
export function secretBox(): SecretBox {
  if (!box) throw new SecretBoxError('no secrets key is installed: the backend must install one at start');
  return box;
}

/** A table of sealed secrets, as its owning module lets the start step reseal it (server/backend/seal-secrets.ts). */
export interface SealedSecretTable<Trx> {
  table: string;
  /** Every row's key and stored value. */
  rows(trx: Trx): Promise<{ key: string; secret: string }[]>;
  write(trx: Trx, key: string, secret: string): Promise<void>;
  /** What the value is bound to (the associated data it was sealed with). */
  context(key: string): string;
}
