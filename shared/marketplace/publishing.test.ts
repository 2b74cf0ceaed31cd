import { describe, expect, it } from 'vitest';
import {
  applyPublishing,
  canMove,
  COURSE_STATUSES,
  PUBLISHING_ACTIONS,
  PUBLISHING_RULES,
  publishingActionsFrom,
  type CourseStatus,
  type PublishingAction,
} from './publishing';

/** The lifecycle, written out by hand: every (from, to) pair not listed is refused. */
const ALLOWED_MOVES = new Set([
  'draft→in_review',
  'in_review→published',
  'in_review→draft',
  'published→unpublished',
  'unpublished→published',
  'draft→archived',
  'in_review→archived',
  'published→archived',
  'unpublished→archived',
]);

/** Each action's one expected outcome from each status (null: refused). */
const EXPECTED: Record<PublishingAction, Partial<Record<CourseStatus, CourseStatus>>> = {
  submit: { draft: 'in_review' },
  approve: { in_review: 'published' },
  reject: { in_review: 'draft' },
  unpublish: { published: 'unpublished' },
  republish: { unpublished: 'published' },
  archive: { draft: 'archived', in_review: 'archived', published: 'archived', unpublished: 'archived' },
};

describe('the course publishing machine', () => {
  it('allows exactly the issue’s moves between every pair of statuses', () => {
    for (const from of COURSE_STATUSES) {
      for (const to of COURSE_STATUSES) {
        expect(canMove(from, to), `${from}→${to}`).toBe(ALLOWED_MOVES.has(`${from}→${to}`));
      }
    }
  });

  it('takes each action from each status where it is allowed, and refuses it elsewhere naming the status', () => {
    for (const action of PUBLISHING_ACTIONS) {
      for (const from of COURSE_STATUSES) {
        const outcome = applyPublishing(from, action);
        const expected = EXPECTED[action][from];
        if (expected) {
          expect(outcome, `${action} from ${from}`).toEqual({
            ok: true,
            to: expected,
            decision: PUBLISHING_RULES[action].decision,
          });
        } else {
          expect(outcome.ok, `${action} from ${from}`).toBe(false);
          if (!outcome.ok) expect(outcome.reason).toMatch(/^Cannot \w+ a course that is /);
        }
      }
    }
  });

  it('leaves an archived course nowhere to go', () => {
    expect(publishingActionsFrom('archived')).toEqual([]);
    expect(applyPublishing('archived', 'archive')).toEqual({
      ok: false,
      reason: 'Cannot archive a course that is archived',
    });
  });

  it('offers a course in review the staff’s three answers', () => {
    expect(publishingActionsFrom('in_review')).toEqual(['approve', 'reject', 'archive']);
    expect(publishingActionsFrom('draft')).toEqual(['submit', 'archive']);
  });

  it('needs a reason to reject, and records each action as its own decision', () => {
    expect(PUBLISHING_ACTIONS.filter((a) => PUBLISHING_RULES[a].reasonRequired)).toEqual(['reject']);
    expect(new Set(PUBLISHING_ACTIONS.map((a) => PUBLISHING_RULES[a].decision)).size).toBe(
      PUBLISHING_ACTIONS.length,
    );
  });
});
