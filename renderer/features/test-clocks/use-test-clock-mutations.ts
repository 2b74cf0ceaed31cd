import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { useRefreshBilling } from '../../lib/refresh-billing';

/** Test clock commands; advancing renews, charges and retries, so every billing view refreshes. */
export function useTestClockMutations() {
  const trpc = useTRPC();
  const refresh = useRefreshBilling();
  const onSuccess = () => refresh();
  return {
    create: useMutation(trpc.testClocks.create.mutationOptions({ onSuccess })),
    attach: useMutation(trpc.testClocks.attach.mutationOptions({ onSuccess })),
    advance: useMutation(trpc.testClocks.advance.mutationOptions({ onSuccess })),
  };
}
