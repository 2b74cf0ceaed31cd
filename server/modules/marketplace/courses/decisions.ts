import type { Kysely } from 'kysely';
import type { CourseDecision, CourseStatus } from '../../../../shared/marketplace/publishing';
import type { DB } from '../../../db/schema';
import { findCourseRow } from './service';

/** One publishing step of a course, as its page's history shows it. */
export interface CourseDecisionEntry {
  id: string;
  decision: CourseDecision;
  fromStatus: CourseStatus;
  toStatus: CourseStatus;
  reason: string | null;
  actorName: string;
  decidedAt: number;
}

/** The course's publishing steps, newest first. */
export async function courseDecisions(
  db: Kysely<DB>,
  tenantId: string,
  courseId: string,
): Promise<CourseDecisionEntry[]> {
  await findCourseRow(db, tenantId, courseId);
  const rows = await db
    .selectFrom('course_decisions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('course_id', '=', courseId)
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    decision: row.decision,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    reason: row.reason,
    actorName: row.actor_name,
    decidedAt: Number(row.decided_at),
  }));
}
