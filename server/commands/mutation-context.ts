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

/** The mutation a run is applying, and whether this run has already claimed it. */
interface Run {
  mutation: CurrentMutation;
  claimed: boolean;
}

const current = new AsyncLocalStorage<Run>();

/**
 * Thrown inside a command's transaction when another run (a retry that reached another
 * instance) applied the same mutation first: the transaction rolls back, so it applies once.
 */
export class MutationAlreadyApplied extends Error {
  constructor(readonly mutation: CurrentMutation) {
    super(`mutation ${mutation.mutationId} of client ${mutation.clientId} was applied by another run`);
    this.name = 'MutationAlreadyApplied';
  }
}

/** Runs `work` as the application of one pushed mutation. */
export function runAsMutation<T>(mutation: CurrentMutation, work: () => Promise<T>): Promise<T> {
  return current.run({ mutation, claimed: false }, work);
}

/**
 * Called by runCommand inside its transaction: when the command runs for a pushed mutation,
 * the client's last applied mutation id commits (or rolls back) with the command's own writes,
 * which is what makes a re-pushed mutation a no-op rather than a second application. The
 * client's row moves forward only from below this mutation, and the upsert waits for any other
 * transaction writing that row: of two runs of one mutation racing on two instances, the later
 * finds it applied and throws, rolling its writes back. A command may run several transactions
 * (request, then settle); the run's own earlier claim lets the later ones through.
 */
export async function recordMutationApplied(trx: Transaction<DB>, now: number): Promise<void> {
  const run = current.getStore();
  if (!run) return;
  if (!run.claimed) {
    if (!(await advanceClient(trx, run.mutation, now))) throw new MutationAlreadyApplied(run.mutation);
    run.claimed = true;
  }
  await recordMutationRow(trx, run.mutation, now);
}

/** Moves the client's last applied id up to this mutation; false when it was there already. */
async function advanceClient(trx: Transaction<DB>, mutation: CurrentMutation, now: number): Promise<boolean> {
  const moved = await trx
    .insertInto('sync_clients')
    .values({
      client_id: mutation.clientId,
      user_id: mutation.userId,
      last_mutation_id: mutation.mutationId,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('client_id')
        .doUpdateSet({ last_mutation_id: mutation.mutationId, updated_at: now })
        .where('sync_clients.last_mutation_id', '<', mutation.mutationId),
    )
    .returning('client_id')
    .executeTakeFirst();
  return moved !== undefined;
}

async function recordMutationRow(trx: Transaction<DB>, mutation: CurrentMutation, now: number) {
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

/** Records `mutation` as applied (status ok, result filled in later); repeating it changes nothing. */
export async function markApplied(
  trx: Transaction<DB>,
  mutation: CurrentMutation,
  now: number,
): Promise<void> {
  await advanceClient(trx, mutation, now);
  await recordMutationRow(trx, mutation, now);
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
