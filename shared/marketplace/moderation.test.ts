import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketplaceRuleError } from './errors';
import {
  allowedReviewActions,
  assertRemovalReason,
  countsInRating,
  MAX_DECISION_NOTE,
  nextReviewState,
  REMOVAL_REASONS,
  REMOVAL_RULES,
  REPORT_REASON_LABELS,
  REVIEW_STATES,
  type ReviewAction,
  type ReviewActionKind,
  type ReviewState,
} from './moderation';

const actions: Record<ReviewActionKind, ReviewAction> = {
  report: { kind: 'report', reason: 'abusive' },
  dismiss_reports: { kind: 'dismiss_reports', note: 'Critique of the course, within the rules.' },
  remove: { kind: 'remove', reason: 'incentivised', note: 'The learner said a coupon paid for five stars.' },
  restore: { kind: 'restore', note: 'The appeal showed the coupon was a public one.' },
};

// Every state × every action: where it goes, or null where it is refused.
const expected: Record<ReviewState, Record<ReviewActionKind, ReviewState | null>> = {
  published: { report: 'reported', dismiss_reports: null, remove: 'removed', restore: null },
  reported: { report: 'reported', dismiss_reports: 'published', remove: 'removed', restore: null },
  removed: { report: null, dismiss_reports: null, remove: null, restore: 'restored' },
  restored: { report: 'reported', dismiss_reports: null, remove: 'removed', restore: null },
};

describe('a review’s states', () => {
  for (const state of REVIEW_STATES) {
    for (const kind of Object.keys(actions) as ReviewActionKind[]) {
      const to = expected[state][kind];
      it(`${state} + ${kind} → ${to ?? 'refused'}`, () => {
        if (to === null) {
          expect(() => nextReviewState(state, actions[kind])).toThrow(
            new MarketplaceRuleError('INVALID_STATE', `a ${state} review cannot take "${kind}"`),
          );
        } else {
          expect(nextReviewState(state, actions[kind])).toBe(to);
        }
        expect(allowedReviewActions(state).includes(kind)).toBe(to !== null);
      });
    }
  }

  it('counts every review in the rating except a removed one', () => {
    expect(REVIEW_STATES.filter(countsInRating)).toEqual(['published', 'reported', 'restored']);
  });
});

describe('the removal rules', () => {
  it('publish a sentence for every reason and a learner’s label for every report', () => {
    for (const reason of REMOVAL_REASONS) {
      expect(REMOVAL_RULES[reason].length).toBeGreaterThan(20);
      expect(REPORT_REASON_LABELS[reason].length).toBeGreaterThan(10);
    }
  });

  it('refuse to remove a review for a low rating or harsh critique, saying those stay', () => {
    const lowRating = { kind: 'remove', reason: 'low_rating', note: 'one star' } as unknown as ReviewAction;
    expect(() => nextReviewState('reported', lowRating)).toThrow(
      /^reason is not a reason to remove a review: A low rating stays/,
    );
    expect(() => assertRemovalReason('harsh_critique')).toThrow(/Harsh critique .* stays/);
  });

  it('refuse a removal or a report without a listed reason, whatever is sent', () => {
    for (const reason of [undefined, '', 'spam', '__proto__', 'toString', 'x'.repeat(1_000_000)]) {
      const remove = { kind: 'remove', reason, note: 'because' } as unknown as ReviewAction;
      expect(() => nextReviewState('published', remove)).toThrow(/^reason must be one of off_topic, abusive/);
      const report = { kind: 'report', reason } as unknown as ReviewAction;
      expect(() => nextReviewState('published', report)).toThrow(/^reason /);
    }
  });

  it('refuse a staff decision without a note saying why, or with one too long', () => {
    expect(() => nextReviewState('reported', { kind: 'dismiss_reports', note: '  ' })).toThrow(
      /^note must say why/,
    );
    expect(() =>
      nextReviewState('removed', { kind: 'restore', note: 'x'.repeat(MAX_DECISION_NOTE + 1) }),
    ).toThrow(/^note must be at most 2000 characters/);
  });

  it('refuse an action that is not one, even a prototype key', () => {
    const odd = { kind: 'constructor', note: 'x' } as unknown as ReviewAction;
    expect(() => nextReviewState('published', odd)).toThrow(MarketplaceRuleError);
  });
});

describe('any history of actions', () => {
  it('removes a review only by a staff removal, and restores only one that was removed', () => {
    const kinds = fc.array(fc.constantFrom(...(Object.keys(actions) as ReviewActionKind[])), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(kinds, (history) => {
        let state: ReviewState = 'published';
        for (const kind of history) {
          const before = state;
          try {
            state = nextReviewState(state, actions[kind]);
          } catch (error) {
            expect(error).toBeInstanceOf(MarketplaceRuleError);
            continue;
          }
          if (state === 'removed') expect(kind).toBe('remove');
          if (state === 'restored') expect(before).toBe('removed');
          if (before === 'removed') expect(state).toBe('restored');
        }
      }),
    );
  });
});
