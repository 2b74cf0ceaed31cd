import { useCallback, useState } from 'react';
import { readCommandKey } from '../../../shared/sync/offline';
import { newClientId } from '../client-id';

/**
 * A fresh idempotency key for one command: 22 random URL-safe characters (132 bits), made the
 * way the client id is, which the desktop's key check (`readCommandKey`) always accepts.
 */
export function newCommandKey(): string {
  return newClientId();
}

/** What a tRPC operation carries so the mutation link sends the key (see `commandKeyOf`). */
export type CommandKeyContext = Record<string, unknown> & { commandKey: string };

/** The `trpc` option of `mutationOptions` that sends this key with the mutation. */
export function commandContext(commandKey: string): { context: CommandKeyContext } {
  return { context: { commandKey } };
}

/** The command key an operation's context carries, if a form gave it one. */
export function commandKeyOf(context: Record<string, unknown> | undefined): string | null {
  return readCommandKey(typeof context?.commandKey === 'string' ? context.commandKey : null);
}

/**
 * One key per opened form: made when the form (or dialog) mounts, so a double click, a second
 * submit while the first waits, or a replay is the same command. Renewed once the command is
 * answered — done, queued, or refused (a refused key would only ever return its refusal) — so
 * the next submit from a form that stays open is a new command.
 */
export function useCommandKey(): { commandKey: string; renew: () => void } {
  const [commandKey, setCommandKey] = useState(newCommandKey);
  const renew = useCallback(() => setCommandKey(newCommandKey()), []);
  return { commandKey, renew };
}
