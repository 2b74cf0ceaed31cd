import { z } from 'zod';
import {
  customerCreateInput,
  customerId,
  customerListInput,
  customerUpdateInput,
} from '../../../shared/customers/schema';
import { router, tenantProcedure } from '../../trpc/base';
import {
  archiveCustomer,
  createCustomer,
  getCustomer,
  listCustomers,
  unarchiveCustomer,
  updateCustomer,
} from './service';

const byId = z.strictObject({ id: customerId });

export const customersRouter = router({
  list: tenantProcedure('customers.read')
    .input(customerListInput)
    .query(({ ctx, input }) =>
      listCustomers(ctx.db, ctx.tenantId, {
        ...input,
        country: input.country ?? null,
        cursor: input.cursor ?? null,
      }),
    ),

  get: tenantProcedure('customers.read')
    .input(byId)
    .query(({ ctx, input }) => getCustomer(ctx.db, ctx.tenantId, input.id)),

  create: tenantProcedure('customers.write')
    .input(customerCreateInput)
    .mutation(({ ctx, input }) => createCustomer(ctx, input)),

  update: tenantProcedure('customers.write')
    .input(customerUpdateInput)
    .mutation(({ ctx, input }) => updateCustomer(ctx, input)),

  archive: tenantProcedure('customers.archive')
    .input(byId)
    .mutation(({ ctx, input }) => archiveCustomer(ctx, input.id)),

  unarchive: tenantProcedure('customers.archive')
    .input(byId)
    .mutation(({ ctx, input }) => unarchiveCustomer(ctx, input.id)),
});
