import { z } from 'zod';
import {
  CUSTOMER_STATUSES,
  customerCreateInput,
  customerFields,
  customerId,
} from '../../../../shared/customers/schema';
import { router } from '../../../trpc/base';
import { customerObject, toCustomer } from '../objects';
import { cursorAfter, listOf, pageParams, toList } from '../pagination';
import { app, restProcedure, startingAfter } from '../procedure';

const tags = ['Customers'];
const customerList = listOf(customerObject, 'CustomerList');
const byId = z.strictObject({ id: customerId });

const listQuery = <E extends z.ZodRawShape>(extra: E) =>
  z.strictObject({
    ...pageParams('cus'),
    status: z
      .enum([...CUSTOMER_STATUSES, 'all'])
      .default('active')
      .meta({ description: 'Which customers: active (the default), archived or all' }),
    ...extra,
  });

/** Customers: create, retrieve, update, list, search. */
export const customersRest = router({
  create: restProcedure('customers.create', {
    method: 'POST',
    path: '/customers',
    tags,
    summary: 'Create a customer',
  })
    .input(customerCreateInput)
    .output(customerObject)
    .mutation(async ({ ctx, input }) => toCustomer(await app(ctx).customers.create(input))),

  // Before retrieve: its path would otherwise take "search" for an id.
  search: restProcedure('customers.list', {
    method: 'GET',
    path: '/customers/search',
    tags,
    summary: 'Search customers',
    description: 'By words of the name or company, or the start of an email address.',
  })
    .input(listQuery({ query: z.string().trim().min(1).max(200).meta({ description: 'What to look for' }) }))
    .output(customerList)
    .query(({ ctx, input }) => list(ctx, input, input.query)),

  retrieve: restProcedure('customers.get', {
    method: 'GET',
    path: '/customers/{id}',
    tags,
    summary: 'Retrieve a customer',
  })
    .input(byId)
    .output(customerObject)
    .query(async ({ ctx, input }) => toCustomer(await app(ctx).customers.get(input))),

  update: restProcedure('customers.update', {
    method: 'POST',
    path: '/customers/{id}',
    tags,
    summary: 'Update a customer',
    description: 'Changes the fields sent; the others stay as they are.',
  })
    .input(
      z.strictObject({
        id: customerId,
        name: customerFields.name.optional(),
        email: customerFields.email.optional(),
        country: customerFields.country.optional(),
        company: customerFields.company.optional(),
      }),
    )
    .output(customerObject)
    .mutation(async ({ ctx, input }) => {
      const { id, ...patch } = input;
      // Last write wins, as in Stripe's API. The values read here are the edit's base, so a change
      // to another field landing between the read and the write still applies; one to the same
      // field is a 409.
      const current = await app(ctx).customers.get({ id });
      const base = Object.fromEntries(
        Object.keys(patch).map((field) => [field, current[field as keyof typeof patch]]),
      );
      return toCustomer(await app(ctx).customers.update({ id, base, patch }));
    }),

  list: restProcedure('customers.list', {
    method: 'GET',
    path: '/customers',
    tags,
    summary: 'List customers, newest first',
  })
    .input(listQuery({}))
    .output(customerList)
    .query(({ ctx, input }) => list(ctx, input, '')),
});

async function list(
  ctx: Parameters<typeof app>[0],
  input: { limit: number; starting_after?: string; status: 'active' | 'archived' | 'all' },
  search: string,
) {
  const after = await startingAfter(input.starting_after, (id) => app(ctx).customers.get({ id }));
  const page = await app(ctx).customers.list({
    search,
    status: input.status,
    limit: input.limit,
    cursor: cursorAfter(after),
    sort: { field: 'createdAt', direction: 'desc' },
  });
  return toList(page, toCustomer);
}
