import { useMutation, useQueryClient } from '@tanstack/react-query';
import { commandContext } from '../../lib/offline/command-key';
import { useTRPC } from '../../lib/trpc';

/**
 * The customer commands. After any of them every customer query (lists, the profile,
 * the timeline) is refetched, since one change can move a row in or out of a view.
 * `commandKey` (from `useCommandKey`, one per opened form) goes with each command, so a
 * second submit of the same form is the same command.
 */
export function useCustomerMutations(commandKey?: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The timeline (its own router) tells of every change too, so it is refreshed with the customer.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.customers.pathFilter()),
      queryClient.invalidateQueries(trpc.timeline.pathFilter()),
    ]);
  const keyed = commandKey ? { trpc: commandContext(commandKey) } : {};
  return {
    create: useMutation(trpc.customers.create.mutationOptions({ onSuccess: refresh, ...keyed })),
    update: useMutation(trpc.customers.update.mutationOptions({ onSuccess: refresh, ...keyed })),
    archive: useMutation(trpc.customers.archive.mutationOptions({ onSuccess: refresh, ...keyed })),
    unarchive: useMutation(trpc.customers.unarchive.mutationOptions({ onSuccess: refresh, ...keyed })),
  };
}
