import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { useRefreshBilling } from '../../lib/refresh-billing';

/** Refetches recovery's views and every billing view: a retry can pay an invoice and revive a subscription. */
export function useRefreshRecovery(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshBilling = useRefreshBilling();
  return async () => {
    await Promise.all([queryClient.invalidateQueries(trpc.recovery.pathFilter()), refreshBilling()]);
  };
}

/** Staff's commands on recoveries; every view refreshes when one returns, failed or not. */
export function useRecoveryMutations() {
  const trpc = useTRPC();
  const refresh = useRefreshRecovery();
  const onSettled = () => refresh();
  return {
    retryNow: useMutation(trpc.recovery.retryNow.mutationOptions({ onSettled })),
    pause: useMutation(trpc.recovery.pauseCustomer.mutationOptions({ onSettled })),
    resume: useMutation(trpc.recovery.resumeCustomer.mutationOptions({ onSettled })),
    markPaid: useMutation(trpc.recovery.markPaidOutOfBand.mutationOptions({ onSettled })),
    voidInvoice: useMutation(trpc.invoices.void.mutationOptions({ onSettled })),
    markUncollectible: useMutation(trpc.invoices.markUncollectible.mutationOptions({ onSettled })),
    updatePolicy: useMutation(trpc.recovery.updatePolicy.mutationOptions({ onSettled })),
  };
}
