import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { useRefreshBilling } from '../../lib/refresh-billing';

/** Everything billing knows about the customer, in one query. */
export function useCustomerBilling(customerId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.billing.customer.queryOptions({ customerId }));
}

/** Which gateway charges cards: the Add card dialog asks for a test card or a Stripe id accordingly. */
export function useGateway() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.billing.gateway.queryOptions(), staleTime: Infinity });
}

/**
 * The customer's billing commands. A card or a subscription changes what the customer is
 * charged and entitled to, so every billing view and their entitlements are refetched.
 */
export function useCustomerBillingMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshBilling = useRefreshBilling();
  const onSuccess = () =>
    Promise.all([refreshBilling(), queryClient.invalidateQueries(trpc.entitlements.pathFilter())]);
  return {
    addCard: useMutation(trpc.paymentMethods.add.mutationOptions({ onSuccess })),
    makeDefault: useMutation(trpc.paymentMethods.setDefault.mutationOptions({ onSuccess })),
    removeCard: useMutation(trpc.paymentMethods.remove.mutationOptions({ onSuccess })),
    subscribe: useMutation(trpc.subscriptions.create.mutationOptions({ onSuccess })),
  };
}
