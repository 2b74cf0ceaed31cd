import { useMutation } from '@tanstack/react-query';
import { commandContext } from '../../lib/offline/command-key';
import { useTRPC } from '../../lib/trpc';
import { useRefreshBilling } from '../../lib/refresh-billing';

/**
 * Commands on an invoice and its payments. Every billing view refreshes when one returns,
 * failed or not: a declined "Pay now" still records a failed payment. `commandKey` (one per
 * opened form or dialog, from `useCommandKey`) makes a double click one command: money moves once.
 */
export function useInvoiceMutations(commandKey?: string) {
  const trpc = useTRPC();
  const refresh = useRefreshBilling();
  const onSettled = () => refresh();
  const keyed = commandKey ? { onSettled, trpc: commandContext(commandKey) } : { onSettled };
  return {
    pay: useMutation(trpc.invoices.pay.mutationOptions(keyed)),
    voidInvoice: useMutation(trpc.invoices.void.mutationOptions(keyed)),
    markUncollectible: useMutation(trpc.invoices.markUncollectible.mutationOptions(keyed)),
    refund: useMutation(trpc.payments.refund.mutationOptions(keyed)),
    createManual: useMutation(trpc.invoices.createManual.mutationOptions(keyed)),
  };
}
