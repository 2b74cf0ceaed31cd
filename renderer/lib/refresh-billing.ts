import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from './trpc';

/**
 * Refetches everything billing shows. One command reaches far (a plan change issues an
 * invoice and a payment; advancing a test clock renews, charges and retries), so after
 * any billing command every billing view is refreshed rather than guessing which moved.
 */
export function useRefreshBilling(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      [
        trpc.subscriptions.pathFilter(),
        trpc.invoices.pathFilter(),
        trpc.payments.pathFilter(),
        trpc.billing.pathFilter(),
        trpc.testClocks.pathFilter(),
      ].map((filter) => queryClient.invalidateQueries(filter)),
    );
  };
}
