import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { useRefreshBilling } from '../../lib/refresh-billing';

/**
 * The staff commands on a subscription. Each refreshes every billing view when it returns,
 * failed or not: a declined proration charge still leaves a new invoice behind.
 */
export function useSubscriptionMutations() {
  const trpc = useTRPC();
  const refresh = useRefreshBilling();
  const onSettled = () => refresh();
  return {
    changePlan: useMutation(trpc.subscriptions.changePlan.mutationOptions({ onSettled })),
    cancel: useMutation(trpc.subscriptions.cancel.mutationOptions({ onSettled })),
    undoCancel: useMutation(trpc.subscriptions.undoCancel.mutationOptions({ onSettled })),
    pause: useMutation(trpc.subscriptions.pause.mutationOptions({ onSettled })),
    resume: useMutation(trpc.subscriptions.resume.mutationOptions({ onSettled })),
  };
}
