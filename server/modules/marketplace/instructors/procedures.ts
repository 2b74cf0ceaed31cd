import {
  byInstructorId,
  instructorCreateInput,
  instructorListInput,
  instructorUpdateInput,
} from '../../../../shared/marketplace/schema';
import { router, tenantProcedure } from '../../../trpc/base';
import { createInstructor, findInstructor, listInstructors, updateInstructor } from './service';

/** Staff: the marketplace's instructors (marketplace.read to read, marketplace.manage to change). */
export const instructorsRouter = router({
  list: tenantProcedure('marketplace.read')
    .input(instructorListInput)
    .query(({ ctx, input }) => listInstructors(ctx.db, ctx.tenantId, input)),
  get: tenantProcedure('marketplace.read')
    .input(byInstructorId)
    .query(({ ctx, input }) => findInstructor(ctx.db, ctx.tenantId, input.id)),
  create: tenantProcedure('marketplace.manage')
    .input(instructorCreateInput)
    .mutation(({ ctx, input }) => createInstructor(ctx, input)),
  update: tenantProcedure('marketplace.manage')
    .input(instructorUpdateInput)
    .mutation(({ ctx, input }) => updateInstructor(ctx, input)),
});
