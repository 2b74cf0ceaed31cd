import {
  byCourseId,
  courseCreateInput,
  courseListInput,
  courseRejectInput,
  courseStepInput,
  courseUnpublishInput,
  courseUpdateInput,
} from '../../../../shared/marketplace/schema';
import { router, tenantProcedure } from '../../../trpc/base';
import { courseDecisions } from './decisions';
import { listCourses } from './list';
import { stepCourse } from './publishing';
import { createCourse, findCourse, updateCourse } from './service';

/**
 * Staff: courses. marketplace.read to read; marketplace.manage to write them and send them to
 * review or archive them; marketplace.moderate for the review's answers and taking a course down.
 */
export const coursesRouter = router({
  list: tenantProcedure('marketplace.read')
    .input(courseListInput)
    .query(({ ctx, input }) => listCourses(ctx.db, ctx.tenantId, input)),
  get: tenantProcedure('marketplace.read')
    .input(byCourseId)
    .query(({ ctx, input }) => findCourse(ctx.db, ctx.tenantId, input.id)),
  decisions: tenantProcedure('marketplace.read')
    .input(byCourseId)
    .query(({ ctx, input }) => courseDecisions(ctx.db, ctx.tenantId, input.id)),
  create: tenantProcedure('marketplace.manage')
    .input(courseCreateInput)
    .mutation(({ ctx, input }) => createCourse(ctx, input)),
  update: tenantProcedure('marketplace.manage')
    .input(courseUpdateInput)
    .mutation(({ ctx, input }) => updateCourse(ctx, input)),
  submitForReview: tenantProcedure('marketplace.manage')
    .input(courseStepInput)
    .mutation(({ ctx, input }) => stepCourse(ctx, 'submit', input)),
  archive: tenantProcedure('marketplace.manage')
    .input(courseStepInput)
    .mutation(({ ctx, input }) => stepCourse(ctx, 'archive', input)),
  approve: tenantProcedure('marketplace.moderate')
    .input(courseStepInput)
    .mutation(({ ctx, input }) => stepCourse(ctx, 'approve', input)),
  reject: tenantProcedure('marketplace.moderate')
    .input(courseRejectInput)
    .mutation(({ ctx, input }) => stepCourse(ctx, 'reject', input)),
  unpublish: tenantProcedure('marketplace.moderate')
    .input(courseUnpublishInput)
    .mutation(({ ctx, input }) => stepCourse(ctx, 'unpublish', input)),
  republish: tenantProcedure('marketplace.moderate')
    .input(courseStepInput)
    .mutation(({ ctx, input }) => stepCourse(ctx, 'republish', input)),
});
