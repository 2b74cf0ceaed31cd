import { invalidField, MarketplaceRuleError } from './errors';

/**
 * The published rules for course reviews (docs/marketplace.md). A review goes only for one of the
 * listed reasons; a low rating or a harsh critique is never one, because a marketplace whose bad
 * reviews disappear tells learners nothing. Learners report against the same rules, so a report
 * can only ask for what staff may do.
 */

export const REMOVAL_REASONS = [
  'off_topic',
  'abusive',
  'incentivised',
  'conflict_of_interest',
  'duplicate',
] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

/** The rule as published: why a review with this reason is removed. */
export const REMOVAL_RULES: Record<RemovalReason, string> = {
  off_topic:
    'The review is not about the course: its content, teaching or value (e.g. about the platform, shipping, or another course).',
  abusive: 'The review insults, threatens or harasses a person, or contains hate speech or personal data.',
  incentivised: 'The reviewer was paid, refunded or rewarded for the review or for its rating.',
  conflict_of_interest: 'The reviewer is the instructor, works with them, or competes with the course.',
  duplicate: 'The same learner or the same text already reviewed this course.',
};

/** What learners pick when they report a review: the same rules, in their words. */
export const REPORT_REASON_LABELS: Record<RemovalReason, string> = {
  off_topic: 'It is not about this course',
  abusive: 'It is abusive or shares personal data',
  incentivised: 'It was paid for or rewarded',
  conflict_of_interest: 'It was written by the instructor or someone close to them or a competitor',
  duplicate: 'It repeats another review',
};

/** Not reasons, published beside the rules so that nobody asks. */
export const NOT_REMOVAL_REASONS = {
  low_rating: 'A low rating stays: learners rely on seeing how others rated the course.',
  harsh_critique: 'Harsh critique of the course, its content or its teaching stays, however blunt.',
} as const;

export const REVIEW_STATES = ['published', 'reported', 'removed', 'restored'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** The longest note a moderator's decision may carry. */
export const MAX_DECISION_NOTE = 2_000;

export type ReviewAction =
  /** A learner reports the review for one of the rules. */
  | { kind: 'report'; reason: RemovalReason }
  /** Staff find the reports do not break a rule: the review stays. */
  | { kind: 'dismiss_reports'; note: string }
  /** Staff remove the review for a listed reason. */
  | { kind: 'remove'; reason: RemovalReason; note: string }
  /** Staff overturn a removal (on appeal or review). */
  | { kind: 'restore'; note: string };
export type ReviewActionKind = ReviewAction['kind'];

const TRANSITIONS: Record<ReviewState, Partial<Record<ReviewActionKind, ReviewState>>> = {
  published: { report: 'reported', remove: 'removed' },
  reported: { report: 'reported', dismiss_reports: 'published', remove: 'removed' },
  removed: { restore: 'restored' },
  restored: { report: 'reported', remove: 'removed' },
};

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** Refuses any removal without a listed reason, saying why when the reason is one the rules exclude. */
export function assertRemovalReason(value: unknown, field = 'reason'): asserts value is RemovalReason {
  if (isOneOf(REMOVAL_REASONS, value)) return;
  if (typeof value === 'string' && Object.hasOwn(NOT_REMOVAL_REASONS, value)) {
    throw invalidField(
      field,
      `is not a reason to remove a review: ${NOT_REMOVAL_REASONS[value as keyof typeof NOT_REMOVAL_REASONS]}`,
    );
  }
  throw invalidField(field, `must be one of ${REMOVAL_REASONS.join(', ')}`);
}

function assertNote(note: unknown): void {
  if (typeof note !== 'string' || note.trim() === '') throw invalidField('note', 'must say why');
  if (note.length > MAX_DECISION_NOTE)
    throw invalidField('note', `must be at most ${MAX_DECISION_NOTE} characters`);
}

/** The actions a review in this state allows, in the order a moderator's menu shows them. */
export function allowedReviewActions(state: ReviewState): ReviewActionKind[] {
  return Object.keys(TRANSITIONS[state]) as ReviewActionKind[];
}

/** The review's state after an action, or a refusal naming the state and the action. */
export function nextReviewState(state: ReviewState, action: ReviewAction): ReviewState {
  if (!isOneOf(REVIEW_STATES, state)) throw invalidField('state', 'is not a review state');
  if (action.kind === 'report' || action.kind === 'remove') assertRemovalReason(action.reason);
  if (action.kind !== 'report') assertNote(action.note);
  const next = Object.hasOwn(TRANSITIONS[state], action.kind) ? TRANSITIONS[state][action.kind] : undefined;
  if (next === undefined) {
    throw new MarketplaceRuleError('INVALID_STATE', `a ${state} review cannot take "${String(action.kind)}"`);
  }
  return next;
}

/** Whether the review shows on the course and counts in its rating: every state but removed. */
export function countsInRating(state: ReviewState): boolean {
  return state !== 'removed';
}
