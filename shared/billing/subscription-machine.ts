/**
 * The subscription lifecycle as a pure state machine. Statuses change only through
 * the named commands below; a command not allowed from the current state fails with a
 * reason naming that state. Each command is one row of a table, so adding a command
 * means adding a row, and the property tests walk the whole table.
 */

export const SUBSCRIPTION_STATUSES = [
  'incomplete',
  'trialing',
  'active',
  'past_due',
  'paused',
  'canceled',
  'unpaid',
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** Statuses in which the customer has what they pay for (past_due: during the grace period). */
export const ACCESS_STATUSES: readonly SubscriptionStatus[] = ['trialing', 'active', 'past_due'];

export interface MachineState {
  status: SubscriptionStatus;
  /** Ends at the period's end (access continues until then); undoable before it. */
  cancelAtPeriodEnd: boolean;
}

interface Rule {
  /** Where the command may start from. */
  from: readonly SubscriptionStatus[];
  /** The status after; 'same' keeps it. */
  to: SubscriptionStatus | 'same';
  /** What the command does to the cancel-at-period-end flag. */
  flag?: 'set' | 'clear';
  /** Further guard on the flag. */
  requiresFlag?: boolean;
  /** Words for the refusal message: "cannot <verb> a subscription that is <status>". */
  verb: string;
}

const LIVE: readonly SubscriptionStatus[] = [
  'incomplete',
  'trialing',
  'active',
  'past_due',
  'paused',
  'unpaid',
];

export const SUBSCRIPTION_RULES = {
  /** The first invoice was paid. */
  activate: { from: ['incomplete'], to: 'active', verb: 'activate' },
  /** The first invoice was never paid: the subscription lapses. */
  expire: { from: ['incomplete'], to: 'canceled', flag: 'clear', verb: 'expire' },
  /** Trial over and its first invoice paid (or nothing to pay). */
  trial_converted: { from: ['trialing'], to: 'active', requiresFlag: false, verb: 'convert the trial of' },
  /** Trial over, charged, and the charge failed. */
  trial_payment_failed: { from: ['trialing'], to: 'past_due', requiresFlag: false, verb: 'end the trial of' },
  /** Trial over with no payment method, tenant setting "cancel". */
  trial_lapsed: {
    from: ['trialing'],
    to: 'canceled',
    flag: 'clear',
    requiresFlag: false,
    verb: 'end the trial of',
  },
  /** Trial over with no payment method, tenant setting "incomplete". */
  trial_awaiting_payment: {
    from: ['trialing'],
    to: 'incomplete',
    requiresFlag: false,
    verb: 'end the trial of',
  },
  /** A new period began and its invoice was paid. */
  renewed: { from: ['active'], to: 'active', requiresFlag: false, verb: 'renew' },
  /** A subscription invoice's payment failed (a renewal, an upgrade's proration). */
  payment_failed: {
    from: ['active', 'past_due'],
    to: 'past_due',
    requiresFlag: false,
    verb: 'renew',
  },
  /** An overdue invoice was finally paid. */
  payment_recovered: {
    from: ['past_due', 'unpaid', 'incomplete'],
    to: 'active',
    verb: 'record a recovered payment for',
  },
  /**
   * Recovery gave up and the tenant's final action is "unpaid". A subscription already set
   * to cancel is canceled instead, as its customer asked.
   */
  mark_unpaid: { from: ['past_due'], to: 'unpaid', requiresFlag: false, verb: 'mark unpaid' },
  cancel_now: { from: LIVE, to: 'canceled', flag: 'clear', verb: 'cancel' },
  cancel_at_period_end: {
    from: ['trialing', 'active', 'past_due'],
    to: 'same',
    flag: 'set',
    requiresFlag: false,
    verb: 'schedule the cancellation of',
  },
  undo_cancel_at_period_end: {
    from: ['trialing', 'active', 'past_due'],
    to: 'same',
    flag: 'clear',
    requiresFlag: true,
    verb: 'undo the cancellation of',
  },
  /** The period ended on a subscription set to cancel then. */
  period_ended_canceling: {
    from: ['trialing', 'active', 'past_due'],
    to: 'canceled',
    flag: 'clear',
    requiresFlag: true,
    verb: 'end',
  },
  pause: { from: ['active'], to: 'paused', requiresFlag: false, verb: 'pause' },
  resume: { from: ['paused'], to: 'active', verb: 'resume' },
  change_plan: { from: ['trialing', 'active'], to: 'same', requiresFlag: false, verb: 'change the plan of' },
} as const satisfies Record<string, Rule>;

export type SubscriptionCommand = keyof typeof SUBSCRIPTION_RULES;
export const SUBSCRIPTION_COMMANDS = Object.keys(SUBSCRIPTION_RULES) as SubscriptionCommand[];

/**
 * What staff can ask for; the other commands are what billing itself does when periods
 * end and payments land. (A period ending on a subscription set to cancel goes through
 * period_ended_canceling, so the trial and renewal commands require the flag clear.)
 */
export const STAFF_COMMANDS = [
  'cancel_now',
  'cancel_at_period_end',
  'undo_cancel_at_period_end',
  'pause',
  'resume',
  'change_plan',
] as const satisfies readonly SubscriptionCommand[];

export type TransitionResult = { ok: true; state: MachineState } | { ok: false; reason: string };

function describe(state: MachineState): string {
  return state.cancelAtPeriodEnd ? `${state.status} and set to cancel at period end` : state.status;
}

/** The state after `command`, or why it is not allowed from `state`. */
export function transition(state: MachineState, command: SubscriptionCommand): TransitionResult {
  const rule: Rule = SUBSCRIPTION_RULES[command];
  const allowed =
    rule.from.includes(state.status) &&
    (rule.requiresFlag === undefined || rule.requiresFlag === state.cancelAtPeriodEnd);
  if (!allowed) {
    return { ok: false, reason: `Cannot ${rule.verb} a subscription that is ${describe(state)}` };
  }
  const status = rule.to === 'same' ? state.status : rule.to;
  const cancelAtPeriodEnd =
    rule.flag === 'set' ? true : rule.flag === 'clear' ? false : state.cancelAtPeriodEnd;
  return { ok: true, state: { status, cancelAtPeriodEnd } };
}

/** The commands allowed from a state, among `candidates` (all by default; STAFF_COMMANDS for the console). */
export function allowedCommands(
  state: MachineState,
  candidates: readonly SubscriptionCommand[] = SUBSCRIPTION_COMMANDS,
): SubscriptionCommand[] {
  return candidates.filter((command) => transition(state, command).ok);
}
