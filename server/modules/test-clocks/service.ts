import { DAY_MS } from '../../../shared/billing/periods';
import { newId } from '../../../shared/ids';
import { runCommand, type CommandScope } from '../../commands/run-command';
import { runClockJobs } from '../../jobs/runner';
import { nextDueTime } from '../../jobs/store';
import { DomainError, notFound } from '../../lib/errors';
import {
  billingJobHandlers,
  loadCustomer,
  setTestClock,
  subscriptionsOfCustomer,
  type StaffRequest,
} from '../billing';
import { findTestClock, insertTestClock, setTestClockTime, type TestClock } from '../billing';
import { recoveryJobHandlers } from '../recovery';

/** How far one advance may go: two years, as Stripe's test clocks allow. */
export const MAX_ADVANCE_MS = 2 * 366 * DAY_MS;

function staffScope(request: StaffRequest): CommandScope {
  return {
    db: request.deps.db,
    clock: request.deps.wallClock,
    tenantId: request.tenantId,
    actor: request.actor,
  };
}

function assertSandbox(request: StaffRequest): void {
  if (request.deps.gateways.name !== 'sandbox') {
    throw new DomainError(
      'INVALID_STATE',
      'Test clocks run only in sandbox mode: with a real gateway, simulated time would charge real cards',
    );
  }
}

export async function createTestClock(
  request: StaffRequest,
  input: { name: string; startAt?: number },
): Promise<TestClock> {
  assertSandbox(request);
  return runCommand(staffScope(request), 'test_clock.created', async (trx, now) => {
    const clock: TestClock = {
      id: newId('clk', now),
      name: input.name,
      now: input.startAt ?? now,
      createdAt: now,
      updatedAt: now,
    };
    await insertTestClock(trx, request.tenantId, clock);
    return {
      result: clock,
      changes: [{ entityType: 'test_clock', entityId: clock.id, before: null, after: { ...clock } }],
    };
  });
}

/** Puts a customer on a test clock; only before they have subscriptions, as their history must be on one timeline. */
export async function attachTestClock(
  request: StaffRequest,
  input: { id: string; customerId: string },
): Promise<void> {
  assertSandbox(request);
  const customer = await loadCustomer(request.deps, request.tenantId, input.customerId);
  const clock = await findTestClock(request.deps.db, request.tenantId, input.id);
  if (!clock) throw notFound('Test clock');
  if (customer.testClockId)
    throw new DomainError('INVALID_STATE', 'This customer is already on a test clock');
  if ((await subscriptionsOfCustomer(request.deps.db, request.tenantId, customer.id)).length > 0) {
    throw new DomainError(
      'INVALID_STATE',
      'Attach a test clock before the customer’s first subscription: their history must run on one timeline',
    );
  }
  await runCommand(staffScope(request), 'test_clock.attached', async (trx) => {
    await setTestClock(trx, request.tenantId, customer.id, clock.id);
    return {
      result: null,
      changes: [
        {
          entityType: 'customer_test_clock',
          entityId: customer.id,
          before: { testClockId: null },
          after: { testClockId: clock.id },
        },
      ],
    };
  });
}

/**
 * Moves a test clock forward to `to`, running every renewal, trial end and retry that
 * falls due on the way, each at its own moment, exactly as they would have happened.
 */
export async function advanceTestClock(
  request: StaffRequest,
  input: { id: string; to: number },
): Promise<{ clock: TestClock; jobsRun: number }> {
  assertSandbox(request);
  const clock = await findTestClock(request.deps.db, request.tenantId, input.id);
  if (!clock) throw notFound('Test clock');
  if (input.to <= clock.now)
    throw new DomainError('INVALID_INPUT', 'A test clock only moves forward', {
      to: ['Choose a time after the clock’s current time'],
    });
  if (input.to - clock.now > MAX_ADVANCE_MS)
    throw new DomainError('INVALID_INPUT', 'A test clock moves at most two years at a time', {
      to: ['Choose a time within two years'],
    });
  const runner = {
    db: request.deps.db,
    clock: request.deps.wallClock,
    logger: request.deps.logger,
    // A customer's jobs on its test clock: billing's and recovery's (retries, grace ends).
    handlers: { ...billingJobHandlers(request.deps), ...recoveryJobHandlers(request.deps) },
  };
  let jobsRun = 0;
  // Step through due times so staff actions read the clock where each job happened.
  for (
    let due = await nextDueTime(request.deps.db, clock.id, input.to);
    due !== undefined;
    due = await nextDueTime(request.deps.db, clock.id, input.to)
  ) {
    await setTestClockTime(
      request.deps.db,
      request.tenantId,
      clock.id,
      Math.max(due, clock.now),
      request.deps.wallClock.now(),
    );
    const ran = await runClockJobs(runner, clock.id, due);
    jobsRun += ran;
    if (ran === 0) break;
  }
  const moved = await runCommand(staffScope(request), 'test_clock.advanced', async (trx) => {
    await setTestClockTime(trx, request.tenantId, clock.id, input.to, request.deps.wallClock.now());
    const after = { ...clock, now: input.to };
    return {
      result: after,
      changes: [{ entityType: 'test_clock', entityId: clock.id, before: { ...clock }, after: { ...after } }],
    };
  });
  return { clock: moved, jobsRun };
}
