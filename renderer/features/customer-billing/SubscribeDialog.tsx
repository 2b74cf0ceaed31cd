import { Alert, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { readServerProblem } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { FormDialog } from '../../ui/FormModal';
import { billingCurrency, subscribablePlans } from './subscribe-options';
import { SubscribeForm } from './SubscribeForm';
import type { CustomerBilling } from './types';

/** Starts a subscription on an active price in the customer's currency, then opens its page. */
export function SubscribeDialog({
  billing,
  opened,
  onClose,
}: {
  billing: CustomerBilling;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const catalog = useQuery({
    ...trpc.catalog.overview.queryOptions({ includeArchived: false }),
    enabled: opened,
  });
  const currency = billingCurrency(billing.subscriptions);
  const options = useMemo(
    () => (catalog.data ? subscribablePlans(catalog.data, currency) : []),
    [catalog.data, currency],
  );
  return (
    <FormDialog opened={opened} onClose={onClose} title={`Subscribe ${billing.customer.name}`}>
      {catalog.isPending && <Loader size="sm" aria-label="Loading plans" />}
      {catalog.error && <Alert color="red">{readServerProblem(catalog.error).message}</Alert>}
      {catalog.data && options.length === 0 && (
        <Alert color="gray" title="Nothing to subscribe to">
          {currency
            ? `No active plan has a ${currency} price, the currency this customer pays in.`
            : 'No active plan has an active price.'}
        </Alert>
      )}
      {/* The dialog unmounts its body when closed, so each opening starts a fresh form. */}
      {options.length > 0 && <SubscribeForm billing={billing} options={options} onClose={onClose} />}
    </FormDialog>
  );
}
