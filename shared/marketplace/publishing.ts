/**
 * A course's publishing lifecycle as a pure state machine (issue 16): a draft goes to review,
 * staff approve it (published) or reject it back to draft with a reason, a published course can
 * be taken down (unpublished) and put back, and any course can be archived for good. Each
 * action is one row of PUBLISHING_RULES, so a new action is a new row and the tests walk the
 * whole table.
 */

export const COURSE_STATUSES = ['draft', 'in_review', 'published', 'unpublished', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

/** What each action records as the decision the instructor's app is told of. */
export type CourseDecision =
  'submitted' | 'approved' | 'rejected' | 'unpublished' | 'republished' | 'archived';

interface Rule {
  from: readonly CourseStatus[];
  to: CourseStatus;
  decision: CourseDecision;
  /** True when the action needs a reason (the instructor is told why). */
  reasonRequired: boolean;
  /** Words for the refusal: "cannot <verb> a course that is <status>". */
  verb: string;
}

const NOT_ARCHIVED: readonly CourseStatus[] = ['draft', 'in_review', 'published', 'unpublished'];

export const PUBLISHING_RULES = {
  submit: { from: ['draft'], to: 'in_review', decision: 'submitted', reasonRequired: false, verb: 'submit' },
  approve: {
    from: ['in_review'],
    to: 'published',
    decision: 'approved',
    reasonRequired: false,
    verb: 'approve',
  },
  reject: { from: ['in_review'], to: 'draft', decision: 'rejected', reasonRequired: true, verb: 'reject' },
  unpublish: {
    from: ['published'],
    to: 'unpublished',
    decision: 'unpublished',
    reasonRequired: false,
    verb: 'unpublish',
  },
  republish: {
    from: ['unpublished'],
    to: 'published',
    decision: 'republished',
    reasonRequired: false,
    verb: 'republish',
  },
  archive: {
    from: NOT_ARCHIVED,
    to: 'archived',
    decision: 'archived',
    reasonRequired: false,
    verb: 'archive',
  },
} as const satisfies Record<string, Rule>;

export type PublishingAction = keyof typeof PUBLISHING_RULES;
export const PUBLISHING_ACTIONS = Object.keys(PUBLISHING_RULES) as PublishingAction[];

const STATUS_WORDS: Record<CourseStatus, string> = {
  draft: 'a draft',
  in_review: 'in review',
  published: 'published',
  unpublished: 'unpublished',
  archived: 'archived',
};

export type PublishingOutcome =
  { ok: true; to: CourseStatus; decision: CourseDecision } | { ok: false; reason: string };

/** Where `action` takes a course that is `from`, or why it cannot. */
export function applyPublishing(from: CourseStatus, action: PublishingAction): PublishingOutcome {
  const rule: Rule = PUBLISHING_RULES[action];
  if (!rule.from.includes(from)) {
    return { ok: false, reason: `Cannot ${rule.verb} a course that is ${STATUS_WORDS[from]}` };
  }
  return { ok: true, to: rule.to, decision: rule.decision };
}

/** The actions allowed from `status`, in the table's order (what the console offers). */
export function publishingActionsFrom(status: CourseStatus): PublishingAction[] {
  return PUBLISHING_ACTIONS.filter((action) => applyPublishing(status, action).ok);
}

/** True when some action moves a course from `from` to `to`. */
export function canMove(from: CourseStatus, to: CourseStatus): boolean {
  return publishingActionsFrom(from).some((action) => PUBLISHING_RULES[action].to === to);
}

/** Statuses a storefront lists and sells (a published course only). */
export const SELLABLE_STATUSES: readonly CourseStatus[] = ['published'];
