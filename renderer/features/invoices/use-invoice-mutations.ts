import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { useRefreshBilling } from '../../lib/refresh-billing';

/**
 * Commands on an invoice and its payments. Every billing view refreshes when one returns,
 * failed or not: a declined "Pay now" still records a failed payment.
 */
export function useInvoiceMutations() {
  const trpc = useTRPC();
  const refresh = useRefreshBilling();
  const onSettled = () => refresh();
  return {
    pay: useMutation(trpc.invoices.pay.mutationOptions({ onSettled })),
    voidInvoice: useMutation(trpc.invoices.void.mutationOptions({ onSettled })),
    markUncollectible: useMutation(trpc.invoices.markUncollectible.mutationOptions({ onSettled })),
    refund: useMutation(trpc.payments.refund.mutationOptions({ onSettled })),
    createManual: useMutation(trpc.invoices.createManual.mutationOptions({ onSettled })),
  };
}
