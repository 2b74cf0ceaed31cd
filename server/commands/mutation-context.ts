import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';

/** The pushed mutation a command is running for, so its transaction can record it as applied. */
export interface CurrentMutation {
  clientId: string;
  mutationId: number;
  userId: string;
  path: string;
}

const current = new AsyncLocalStorage<CurrentMutation>();

/** Runs `work` as the application of one pushed mutation. */
export function runAsMutation<T>(mutation: CurrentMutation, work: () => Promise<T>): Promise<T> {
  return current.run(mutation, work);
}

/**
 * Called by runCommand inside its transaction: when the command runs for a pushed mutation,
 * the client's last applied mutation id commits (or rolls back) with the command's own writes,
 * which is what makes a re-pushed mutation a no-op rather than a second application.
 */
export async function recordMutationApplied(trx: Transaction<DB>, now: number): Promise<void> {
  const mutation = current.getStore();
  if (!mutation) return;
  await markApplied(trx, mutation, now);
}

/** Records `mutation` as applied (status ok, result filled in later); repeating it changes nothing. */
export async function markApplied(
  trx: Transaction<DB>,
  mutation: CurrentMutation,
  now: number,
): Promise<void> {
  await trx
    .insertInto('sync_clients')
    .values({
      client_id: mutation.clientId,
      user_id: mutation.userId,
      last_mutation_id: mutation.mutationId,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('client_id').doUpdateSet((eb) => ({
        last_mutation_id: eb.fn('max', ['sync_clients.last_mutation_id', 'excluded.last_mutation_id']),
        updated_at: now,
      })),
    )
    .execute();
  await trx
    .insertInto('sync_mutations')
    .values({
      client_id: mutation.clientId,
      mutation_id: mutation.mutationId,
      path: mutation.path,
      status: 'ok',
      result: null,
      error_code: null,
      error_message: null,
      applied_at: now,
    })
    .onConflict((oc) => oc.columns(['client_id', 'mutation_id']).doNothing())
    .execute();
}

/** What a pushed mutation came to, as stored for a re-push: secrets already taken out by the caller. */
export type SettledMutation =
  { status: 'ok'; result: string | null } | { status: 'error'; code: string; message: string };

/** Stores the answer a re-pushed `mutation` gets back (its row was made by markApplied). */
export async function settleMutation(
  trx: Transaction<DB>,
  mutation: CurrentMutation,
  settled: SettledMutation,
): Promise<void> {
  await trx
    .updateTable('sync_mutations')
    .set(
      settled.status === 'ok'
        ? { result: settled.result }
        : { status: 'error', error_code: settled.code, error_message: settled.message, result: null },
    )
    .where('client_id', '=', mutation.clientId)
    .where('mutation_id', '=', mutation.mutationId)
    .execute();
}
