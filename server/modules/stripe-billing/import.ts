import type Stripe from 'stripe';
import type { Services } from '../../trpc/context';
import { runCommand, type CommandScope } from '../../commands/run-command';
import { scheduleJob, type Job } from '../../jobs/store';
import type { JobHandlers } from '../../jobs/runner';
import { newId } from '../../../shared/ids';
import { DomainError, notFound } from '../../lib/errors';
import { invoiceKind, mirrorSnapshot, subscriptionKind } from './apply';
import { answeredAt, stripeOf, type MirrorContext } from './context';

/**
 * The import of a tenant's existing Stripe Billing subscriptions, then their invoices:
 * a durable job pages through Stripe's lists (100 a page) and applies each object as a
 * fetched snapshot, so it never overrides a newer event and running it twice changes
 * nothing. Progress is saved after every page with the cursor, so a job cut short
 * resumes at the page it was on.
 */

export const STRIPE_IMPORT_JOB = 'stripe.import';
const PAGE_SIZE = 100;

type Phase = 'subscriptions' | 'invoices';

/** The saved cursor: the phase and the last object of the last page done. */
function parseCursor(cursor: string | null): { phase: Phase; after: string | undefined } {
  if (!cursor) return { phase: 'subscriptions', after: undefined };
  const [phase, after] = cursor.split(':') as [Phase, string];
  return { phase, after: after || undefined };
}

export async function startImport(scope: CommandScope, hasStripe: boolean) {
  if (!hasStripe) {
    throw new DomainError('INVALID_STATE', 'Connect a Stripe account before importing from Stripe Billing');
  }
  return runCommand(scope, 'stripe.import_started', async (trx, now) => {
    const running = await trx
      .selectFrom('stripe_imports')
      .select('id')
      .where('tenant_id', '=', scope.tenantId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    // One import at a time: asking again while one runs shows that one.
    if (running) return { result: { id: running.id }, changes: [] };
    const row = {
      id: newId('imp', now),
      tenant_id: scope.tenantId,
      status: 'running' as const,
      cursor: null,
      requested_by: scope.actor.name,
      started_at: now,
      finished_at: null,
      updated_at: now,
      last_error: null,
    };
    await trx.insertInto('stripe_imports').values(row).execute();
    await scheduleJob(
      trx,
      {
        tenantId: scope.tenantId,
        kind: STRIPE_IMPORT_JOB,
        runAt: now,
        payload: { importId: row.id },
        dedupeKey: `stripe-import:${row.id}`,
        testClockId: null,
      },
      now,
    );
    return {
      result: { id: row.id },
      changes: [{ entityType: 'stripe_import', entityId: row.id, before: null, after: row }],
    };
  });
}

/** The latest import's progress, for the console to poll; null before the first. */
export async function importProgress(db: MirrorContext['db'], tenantId: string) {
  const row = await db
    .selectFrom('stripe_imports')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    pages: row.pages,
    subscriptions: row.subscriptions,
    invoices: row.invoices,
    errors: row.errors,
    lastError: row.last_error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

interface PageResult {
  objects: number;
  errors: string[];
  next: string | null;
}

async function applyAll<T extends { id: string }>(
  context: MirrorContext,
  apply: (object: T) => Promise<unknown>,
  page: Stripe.ApiList<T>,
): Promise<PageResult> {
  const errors: string[] = [];
  for (const object of page.data) {
    try {
      await apply(object);
    } catch (error) {
      context.logger.warn({ err: error, object: object.id }, 'Stripe import: object not mirrored');
      errors.push(`${object.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { objects: page.data.length, errors, next: page.has_more ? (page.data.at(-1)?.id ?? null) : null };
}

async function importPage(
  context: MirrorContext,
  phase: Phase,
  after: string | undefined,
): Promise<PageResult> {
  const stripe = stripeOf(context);
  if (phase === 'subscriptions') {
    const page = await stripe.subscriptions.list({
      status: 'all',
      limit: PAGE_SIZE,
      starting_after: after,
      expand: ['data.items.data.price.product'],
    });
    const at = answeredAt(page, context.clock.now());
    return applyAll(
      context,
      (s: Stripe.Subscription) => mirrorSnapshot(context, subscriptionKind, s, { kind: 'fetched', at }),
      page,
    );
  }
  const page = await stripe.invoices.list({ limit: PAGE_SIZE, starting_after: after });
  const at = answeredAt(page, context.clock.now());
  return applyAll(
    context,
    (i: Stripe.Invoice) => mirrorSnapshot(context, invoiceKind, i, { kind: 'fetched', at }),
    page,
  );
}

/** Saves one page's progress and where the next starts (null: the import is done). */
async function savePage(
  context: MirrorContext,
  importId: string,
  phase: Phase,
  result: PageResult,
  cursor: string | null,
) {
  const now = context.clock.now();
  await context.db
    .updateTable('stripe_imports')
    .set((eb) => ({
      pages: eb('pages', '+', 1),
      subscriptions: eb(
        'subscriptions',
        '+',
        phase === 'subscriptions' ? result.objects - result.errors.length : 0,
      ),
      invoices: eb('invoices', '+', phase === 'invoices' ? result.objects - result.errors.length : 0),
      errors: eb('errors', '+', result.errors.length),
      last_error: result.errors.at(-1) ?? eb.ref('last_error'),
      cursor,
      status: cursor === null ? 'done' : 'running',
      finished_at: cursor === null ? now : null,
      updated_at: now,
    }))
    .where('id', '=', importId)
    .execute();
}

/** Pages per job run: a long import is a chain of short jobs, each well inside the runner's lease. */
const PAGES_PER_RUN = 10;

export async function runImport(context: MirrorContext, importId: string): Promise<void> {
  const row = await context.db
    .selectFrom('stripe_imports')
    .select(['status', 'cursor', 'pages'])
    .where('tenant_id', '=', context.tenantId)
    .where('id', '=', importId)
    .executeTakeFirst();
  if (!row) throw notFound('Stripe import');
  if (row.status !== 'running') return;
  let { phase, after } = parseCursor(row.cursor);
  for (let page = 0; page < PAGES_PER_RUN; page++) {
    const result = await importPage(context, phase, after);
    const finished = result.next === null && phase === 'invoices';
    const nextPhase: Phase = result.next === null ? 'invoices' : phase;
    const cursor = finished ? null : `${nextPhase}:${result.next ?? ''}`;
    await savePage(context, importId, phase, result, cursor);
    if (finished) return;
    phase = nextPhase;
    after = result.next ?? undefined;
  }
  const now = context.clock.now();
  await scheduleJob(
    context.db,
    {
      tenantId: context.tenantId,
      kind: STRIPE_IMPORT_JOB,
      runAt: now,
      payload: { importId },
      dedupeKey: `stripe-import:${importId}:from-page:${row.pages + PAGES_PER_RUN}`,
      testClockId: null,
    },
    now,
  );
}

async function failImport(context: MirrorContext, importId: string, error: unknown) {
  const now = context.clock.now();
  await context.db
    .updateTable('stripe_imports')
    .set({
      status: 'failed',
      last_error: error instanceof Error ? error.message : String(error),
      finished_at: now,
      updated_at: now,
    })
    .where('id', '=', importId)
    .where('status', '=', 'running')
    .execute();
}

/** The job runner's default number of attempts, after which it gives a job up. */
const RUNNER_MAX_ATTEMPTS = 8;

/**
 * The mirror's durable jobs. A Stripe failure (network, rate limit) fails the job, which
 * the runner retries from the saved page; the import says it failed only once the runner gives up.
 */
export function stripeBillingJobHandlers(services: Services): JobHandlers {
  return {
    [STRIPE_IMPORT_JOB]: async (job: Job) => {
      const context: MirrorContext = { ...services, tenantId: job.tenantId };
      const importId = String(job.payload.importId);
      try {
        await runImport(context, importId);
      } catch (error) {
        if (job.attempts >= RUNNER_MAX_ATTEMPTS) await failImport(context, importId, error);
        throw error;
      }
    },
  };
}
