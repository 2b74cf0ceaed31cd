import { getTRPCErrorFromUnknown, type AnyProcedure } from '@trpc/server';
import type { Kysely } from 'kysely';
import type { DomainErrorCode, FieldConflict } from '../../shared/errors';
import { createContext, type Context, type Principal, type ProcedureDirectory } from '../trpc/context';
import { describeError } from '../trpc/errors';
import { maskSecretShapes, secretsOf, storableResult, type SecretPaths } from '../trpc/secrets';
import type { DB } from '../db/schema';
import { DomainError } from '../lib/errors';
import {
  markApplied,
  MutationAlreadyApplied,
  runAsMutation,
  settleMutation,
  type CurrentMutation,
} from '../commands/mutation-context';

/** A command made on a desktop: its place in that client's order, where it ran, and what was called. */
export interface PushedMutation {
  id: number;
  tenantId: string;
  path: string;
  input?: unknown;
}

export type MutationOutcome =
  | { id: number; status: 'ok'; result: unknown }
  | {
      id: number;
      status: 'error';
      code: DomainErrorCode | 'INTERNAL';
      message: string;
      /** A CONFLICT's fields with both values (the first answer only: a replay has the message alone). */
      conflicts?: FieldConflict[];
    };

/**
 * Namespaces a desktop never forwards: they act on the connection itself, not on tenant data,
 * or (exports) on the desktop's own files, written from its local database even offline.
 */
export const LOCAL_NAMESPACES = ['sync', 'connection', 'auth', 'exports'] as const;

/** The mutation procedure at `path`, or null when there is none a client may push. */
function pushableProcedure(procedures: ProcedureDirectory, path: string): AnyProcedure | null {
  if (LOCAL_NAMESPACES.some((ns) => path.startsWith(`${ns}.`))) return null;
  const procedure = procedures.find(path);
  return procedure?._def.type === 'mutation' ? procedure : null;
}

// One push at a time per client: a retry arriving while the first is still running waits for it.
const clientQueues = new Map<string, Promise<unknown>>();

function serialized<T>(clientId: string, work: () => Promise<T>): Promise<T> {
  const previous = clientQueues.get(clientId) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => undefined);
  clientQueues.set(clientId, settled);
  void settled.then(() => {
    if (clientQueues.get(clientId) === settled) clientQueues.delete(clientId);
  });
  return next;
}

async function storedOutcome(db: Kysely<DB>, clientId: string, id: number): Promise<MutationOutcome> {
  const row = await db
    .selectFrom('sync_mutations')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('mutation_id', '=', id)
    .executeTakeFirst();
  if (!row) return { id, status: 'error', code: 'CONFLICT', message: 'This command was superseded' };
  return row.status === 'ok'
    ? { id, status: 'ok', result: row.result === null ? null : (JSON.parse(row.result) as unknown) }
    : {
        id,
        status: 'error',
        code: (row.error_code ?? 'INTERNAL') as DomainErrorCode,
        message: row.error_message ?? '',
      };
}

/** How long a run that lost the race waits for the winner's answer, and how often it looks. */
const WINNER_ANSWER_WAIT_MS = 30_000;
const WINNER_ANSWER_POLL_MS = 25;

/**
 * The answer of a mutation another instance's run applied while this one waited for it: the
 * winner commits the command first and stores its answer just after (an ok row's result is
 * NULL until then: a stored answer is always JSON text). The desktop needs that answer — a
 * created record's id replaces its provisional one — so it is waited for, within a bound.
 */
async function winnersOutcome(db: Kysely<DB>, clientId: string, id: number): Promise<MutationOutcome> {
  const deadline = Date.now() + WINNER_ANSWER_WAIT_MS;
  for (;;) {
    const settled = await db
      .selectFrom('sync_mutations')
      .select('mutation_id')
      .where('client_id', '=', clientId)
      .where('mutation_id', '=', id)
      .where((eb) => eb.or([eb('status', '=', 'error'), eb('result', 'is not', null)]))
      .executeTakeFirst();
    if (settled || Date.now() >= deadline) return storedOutcome(db, clientId, id);
    await new Promise((resolve) => setTimeout(resolve, WINNER_ANSWER_POLL_MS));
  }
}

/**
 * Keeps what a replay may hand out again: the result without the secrets its procedure
 * declared (an API key, an invitation code: shown once, in the first answer only), and
 * anything else shaped like a secret masked.
 */
async function recordOutcome(
  db: Kysely<DB>,
  mutation: CurrentMutation,
  outcome: MutationOutcome,
  secrets: SecretPaths,
  now: number,
) {
  await db.transaction().execute(async (trx) => {
    await markApplied(trx, mutation, now);
    await settleMutation(
      trx,
      mutation,
      outcome.status === 'ok'
        ? { status: 'ok', result: storableResult(outcome.result, secrets) }
        : { status: 'error', code: outcome.code, message: maskSecretShapes(outcome.message) },
    );
  });
}

function appliedElsewhere(error: unknown): boolean {
  return (
    error instanceof MutationAlreadyApplied ||
    (error instanceof Error && error.cause instanceof MutationAlreadyApplied)
  );
}

async function applyOne(ctx: Context, principal: Principal, clientId: string, m: PushedMutation) {
  const mutation: CurrentMutation = { clientId, mutationId: m.id, userId: principal.userId, path: m.path };
  let outcome: MutationOutcome;
  const procedure = pushableProcedure(ctx.procedures, m.path);
  if (!procedure) {
    outcome = { id: m.id, status: 'error', code: 'INVALID_INPUT', message: `${m.path} is not a command` };
  } else {
    // The command runs as the pusher, in the tenant it was made in, checked like any request.
    const pusher = createContext({
      services: ctx,
      principal,
      requestedTenantId: m.tenantId,
      client: { kind: 'desktop', id: clientId },
    });
    try {
      const result = await runAsMutation(mutation, () => ctx.procedures.call(pusher, m.path, m.input));
      outcome = { id: m.id, status: 'ok', result: result ?? null };
    } catch (error) {
      // A retry that reached this instance while another applied the mutation: answer as a replay.
      if (appliedElsewhere(error)) return winnersOutcome(ctx.db, clientId, m.id);
      const { message, data } = describeError(getTRPCErrorFromUnknown(error));
      outcome = {
        id: m.id,
        status: 'error',
        code: data.domainCode,
        message,
        ...(data.conflicts ? { conflicts: data.conflicts } : {}),
      };
    }
  }
  // Commands record themselves applied in their own transaction; this adds the answer (and
  // marks a failed or write-free command applied, so it is not tried again).
  await recordOutcome(ctx.db, mutation, outcome, secretsOf(procedure), ctx.clock.now());
  return outcome;
}

/**
 * Applies a client's mutations in order, each exactly once: one already applied (its id at or
 * below the client's last) is answered from what was recorded, never run again. A failed
 * mutation is recorded with its error and the next ones still run.
 */
export function applyPush(
  ctx: Context,
  principal: Principal,
  clientId: string,
  mutations: readonly PushedMutation[],
): Promise<MutationOutcome[]> {
  return serialized(clientId, async () => {
    const client = await ctx.db
      .selectFrom('sync_clients')
      .select(['user_id', 'last_mutation_id'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (client && client.user_id !== principal.userId) {
      throw new DomainError('FORBIDDEN', 'This client belongs to another account');
    }
    let last = client?.last_mutation_id ?? 0;
    const outcomes: MutationOutcome[] = [];
    for (const m of [...mutations].sort((a, b) => a.id - b.id)) {
      if (m.id <= last) {
        outcomes.push(await storedOutcome(ctx.db, clientId, m.id));
        continue;
      }
      outcomes.push(await applyOne(ctx, principal, clientId, m));
      last = m.id;
    }
    return outcomes;
  });
}
