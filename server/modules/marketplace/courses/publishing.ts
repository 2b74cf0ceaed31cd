import type { z } from 'zod';
import { newId } from '../../../../shared/ids';
import {
  applyPublishing,
  PUBLISHING_RULES,
  type PublishingAction,
} from '../../../../shared/marketplace/publishing';
import type { courseStepInput } from '../../../../shared/marketplace/schema';
import { runCommand, type CommandScope } from '../../../commands/run-command';
import { DomainError } from '../../../lib/errors';
import type { Course } from './row';
import { courseChange, findCourse, loadForChange, saveCourse } from './service';

/**
 * A course's publishing steps (shared/marketplace/publishing.ts): each checks the version the
 * person saw, moves the status, and in the same transaction writes the step to course_decisions
 * (what the instructor's app is told, with its reason; decision 167) and to the audit trail.
 */

type StepInput = z.output<typeof courseStepInput> & { reason?: string | null };

/** Runs `action` on the course named by `input`. */
export function stepCourse(scope: CommandScope, action: PublishingAction, input: StepInput): Promise<Course> {
  const rule = PUBLISHING_RULES[action];
  return runCommand(scope, `course.${rule.decision}`, async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, input.id, input.expectedVersion);
    const outcome = applyPublishing(current.status, action);
    if (!outcome.ok) throw new DomainError('INVALID_STATE', outcome.reason);
    const reason = input.reason ?? null;
    if (rule.reasonRequired && !reason) {
      throw new DomainError('INVALID_INPUT', 'Reason is required: the instructor is told why', {
        reason: ['Reason is required'],
      });
    }
    if (action === 'submit' && current.prices.length === 0) {
      throw new DomainError(
        'INVALID_STATE',
        'A course needs a price in at least one currency before review',
        {
          prices: ['Add a price before submitting the course for review'],
        },
      );
    }
    await saveCourse(trx, scope.tenantId, current, {
      status: outcome.to,
      status_reason: reason,
      published_at: outcome.to === 'published' ? (current.publishedAt ?? now) : current.publishedAt,
      updated_at: now,
    });
    await trx
      .insertInto('course_decisions')
      .values({
        id: newId('cdc', now),
        tenant_id: scope.tenantId,
        course_id: current.id,
        instructor_id: current.instructorId,
        decision: outcome.decision,
        from_status: current.status,
        to_status: outcome.to,
        reason,
        actor_name: scope.actor.name,
        decided_at: now,
      })
      .execute();
    const next = await findCourse(trx, scope.tenantId, current.id);
    return { result: next, changes: [courseChange(current, next)] };
  });
}
