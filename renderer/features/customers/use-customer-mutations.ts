import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

/**
 * The customer commands. After any of them every customer query (lists, the profile,
 * the timeline) is refetched, since one change can move a row in or out of a view.
 */
export function useCustomerMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The timeline (its own router) tells of every change too, so it is refreshed with the customer.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.customers.pathFilter()),
      queryClient.invalidateQueries(trpc.timeline.pathFilter()),
    ]);
  return {
    create: useMutation(trpc.customers.create.mutationOptions({ onSuccess: refresh })),
    update: useMutation(trpc.customers.update.mutationOptions({ onSuccess: refresh })),
    archive: useMutation(trpc.customers.archive.mutationOptions({ onSuccess: refresh })),
    unarchive: useMutation(trpc.customers.unarchive.mutationOptions({ onSuccess: refresh })),
  };
}
