import { z } from 'zod';
import { acceptInvitationInput, loginInput } from '../../shared/auth/schema';
import type { Context } from '../trpc/context';
import { publicProcedure, router } from '../trpc/base';
import { DomainError } from '../lib/errors';
import type { DesktopConnection } from './desktop/connection';

const serverUrl = z
  .string()
  .trim()
  .max(2048, 'Use at most 2048 characters')
  .url('Enter the server address, such as https://billing.example.com')
  .refine((value) => /^https?:\/\//i.test(value), 'The address starts with http:// or https://');

// The server's own rules for name and password (auth.acceptInvitation); its `token` is the code shown here.
const acceptInvitationOnServer = acceptInvitationInput.omit({ token: true }).extend({
  serverUrl,
  code: z
    .string()
    .trim()
    .min(1, 'Enter the invitation code')
    .max(200, 'This is longer than an invitation code; check what was pasted'),
});

function desktopConnection(ctx: Context): DesktopConnection {
  if (!ctx.connection) throw new DomainError('INVALID_STATE', 'Only a desktop connects to a Tollgate server');
  return ctx.connection;
}

const STANDALONE = {
  state: 'standalone' as const,
  serverUrl: null,
  email: null,
  lastSyncedAt: null,
  pending: 0,
  progress: null,
  error: null,
  replicaVersion: 0,
  refused: 0,
};

const outboxId = z.strictObject({ id: z.number().int().min(1) });

/**
 * The desktop's side of connected mode: sign in to a server (or accept an invitation to it), see the sync state and the
 * outbox, sync now, go back to standalone. Local to this computer (like the mode itself),
 * so public: they show and change no tenant's data on any server.
 */
export const connectionRouter = router({
  status: publicProcedure.query(({ ctx }) => ctx.connection?.status() ?? STANDALONE),

  outbox: publicProcedure
    .input(z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }))
    .query(({ ctx, input }) => ctx.connection?.outboxEntries(input.limit) ?? []),

  /** Each row a pending command changed, for "pending" badges on rows, fields and amounts. */
  pendingMarks: publicProcedure.query(({ ctx }) => ctx.connection?.pendingMarks() ?? []),

  // A backend with no connection (standalone, or the hosted server) has no outbox: as status and
  // outbox answer for it, these act on nothing and say so (the status is standalone).

  /** Withdraws a change not yet sent; it leaves every screen at once. */
  cancel: publicProcedure.input(outboxId).mutation(({ ctx, input }) => {
    if (!ctx.connection) return STANDALONE;
    ctx.connection.cancel(input.id);
    return ctx.connection.status();
  }),

  /** Queues a refused change again ("keep mine"); answers as the command itself would (queued or done). */
  retry: publicProcedure
    .input(outboxId)
    .mutation(({ ctx, input }) => (ctx.connection ? ctx.connection.retry(input.id) : STANDALONE)),

  /** The user has dealt with a refused change: it is no longer a notice. */
  acknowledge: publicProcedure.input(outboxId).mutation(({ ctx, input }) => {
    if (!ctx.connection) return STANDALONE;
    ctx.connection.acknowledge(input.id);
    return ctx.connection.status();
  }),

  connect: publicProcedure
    .input(loginInput.extend({ serverUrl }))
    .mutation(({ ctx, input }) => desktopConnection(ctx).connect(input)),

  /** Accepts an invitation with the code staff passed on, then connects as the new member. */
  acceptInvitation: publicProcedure
    .input(acceptInvitationOnServer)
    .mutation(({ ctx, input }) => desktopConnection(ctx).acceptInvitation(input)),

  syncNow: publicProcedure.mutation(async ({ ctx }) => {
    const connection = desktopConnection(ctx);
    await connection.requestSync();
    return connection.status();
  }),

  disconnect: publicProcedure.mutation(({ ctx }) => desktopConnection(ctx).disconnect()),
});
