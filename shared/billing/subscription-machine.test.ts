import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedCommands,
  SUBSCRIPTION_COMMANDS,
  STAFF_COMMANDS,
  SUBSCRIPTION_STATUSES,
  transition,
  type MachineState,
  type SubscriptionCommand,
} from './subscription-machine';

const active: MachineState = { status: 'active', cancelAtPeriodEnd: false };

function run(start: MachineState, commands: SubscriptionCommand[]): MachineState {
  return commands.reduce((state, command) => {
    const result = transition(state, command);
    return result.ok ? result.state : state;
  }, start);
}

describe('subscription state machine', () => {
  it('refuses an illegal command, naming the current status', () => {
    expect(transition({ status: 'paused', cancelAtPeriodEnd: false }, 'pause')).toEqual({
      ok: false,
      reason: 'Cannot pause a subscription that is paused',
    });
    expect(transition({ status: 'active', cancelAtPeriodEnd: true }, 'pause')).toEqual({
      ok: false,
      reason: 'Cannot pause a subscription that is active and set to cancel at period end',
    });
  });

  it('walks a typical life: trial, conversion, failure, recovery, scheduled cancel, end', () => {
    const steps: SubscriptionCommand[] = [
      'trial_converted',
      'payment_failed',
      'payment_recovered',
      'cancel_at_period_end',
      'period_ended_canceling',
    ];
    let state: MachineState = { status: 'trialing', cancelAtPeriodEnd: false };
    const seen: string[] = [];
    for (const step of steps) {
      const result = transition(state, step);
      if (!result.ok) throw new Error(result.reason);
      state = result.state;
      seen.push(`${state.status}${state.cancelAtPeriodEnd ? '*' : ''}`);
    }
    expect(seen).toEqual(['active', 'past_due', 'active', 'active*', 'canceled']);
  });

  it('lets a scheduled cancellation be undone before the period ends', () => {
    const scheduled = run(active, ['cancel_at_period_end']);
    expect(scheduled).toEqual({ status: 'active', cancelAtPeriodEnd: true });
    expect(run(scheduled, ['undo_cancel_at_period_end'])).toEqual(active);
    expect(transition(active, 'undo_cancel_at_period_end').ok).toBe(false);
    expect(transition(active, 'period_ended_canceling').ok).toBe(false);
  });

  it('never leaves the defined states under any sequence of commands', () => {
    const state = fc.record({
      status: fc.constantFrom(...SUBSCRIPTION_STATUSES),
      cancelAtPeriodEnd: fc.boolean(),
    });
    fc.assert(
      fc.property(
        state,
        fc.array(fc.constantFrom(...SUBSCRIPTION_COMMANDS), { maxLength: 60 }),
        (start, commands) => {
          fc.pre(!start.cancelAtPeriodEnd || ['trialing', 'active', 'past_due'].includes(start.status));
          let current = start;
          for (const command of commands) {
            const result = transition(current, command);
            if (!result.ok) {
              expect(result.reason).toContain(current.status);
              continue;
            }
            current = result.state;
            expect(SUBSCRIPTION_STATUSES).toContain(current.status);
            // The flag only ever rides on a subscription that still runs until period end.
            if (current.cancelAtPeriodEnd)
              expect(['trialing', 'active', 'past_due']).toContain(current.status);
          }
        },
      ),
    );
  });

  it('treats canceled as the end: nothing moves it', () => {
    expect(allowedCommands({ status: 'canceled', cancelAtPeriodEnd: false })).toEqual([]);
  });

  it('leaves every live status a way to end', () => {
    for (const status of SUBSCRIPTION_STATUSES.filter((s) => s !== 'canceled')) {
      expect(allowedCommands({ status, cancelAtPeriodEnd: false }), status).toContain('cancel_now');
    }
  });

  it('offers staff the actions that fit each state', () => {
    expect(allowedCommands(active, STAFF_COMMANDS)).toEqual([
      'cancel_now',
      'cancel_at_period_end',
      'pause',
      'change_plan',
    ]);
    expect(allowedCommands({ status: 'active', cancelAtPeriodEnd: true }, STAFF_COMMANDS)).toEqual([
      'cancel_now',
      'undo_cancel_at_period_end',
    ]);
    expect(allowedCommands({ status: 'paused', cancelAtPeriodEnd: false }, STAFF_COMMANDS)).toEqual([
      'cancel_now',
      'resume',
    ]);
  });

  it('ends a trial set to cancel instead of converting it', () => {
    const flagged: MachineState = { status: 'trialing', cancelAtPeriodEnd: true };
    expect(transition(flagged, 'trial_converted').ok).toBe(false);
    expect(transition(flagged, 'period_ended_canceling')).toEqual({
      ok: true,
      state: { status: 'canceled', cancelAtPeriodEnd: false },
    });
  });
});
