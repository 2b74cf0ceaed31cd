import { Alert, Center, Grid, Loader, Stack } from '@mantine/core';
import type { Customer } from '../../../shared/customers/schema';
import { readServerProblem } from '../../lib/errors';
import { useCan } from '../../shell/session';
import { BalanceSection } from './BalanceSection';
import { EntitlementsSection } from './EntitlementsSection';
import { InvoicesSection } from './InvoicesSection';
import { PaymentMethodsSection } from './PaymentMethodsSection';
import { PaymentsSection } from './PaymentsSection';
import { SubscriptionsSection } from './SubscriptionsSection';
import { useCustomerBilling } from './use-customer-billing';

function BillingSections({ customer }: { customer: Customer }) {
  const billing = useCustomerBilling(customer.id);
  const canWrite = useCan('billing.write');
  const blockedReason =
    customer.status === 'archived' ? 'Unarchive this customer to change their billing' : null;

  if (billing.isPending) {
    return (
      <Center mih={160}>
        <Loader aria-label="Loading billing" />
      </Center>
    );
  }
  if (billing.error) {
    return (
      <Alert color="red" title="Cannot show this customer's billing">
        {readServerProblem(billing.error).message}
      </Alert>
    );
  }
  const data = billing.data;
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="lg">
          <SubscriptionsSection billing={data} canWrite={canWrite} blockedReason={blockedReason} />
          <InvoicesSection invoices={data.invoices} />
          <PaymentsSection payments={data.payments} refunds={data.refunds} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="lg">
          <PaymentMethodsSection
            customerId={customer.id}
            cards={data.paymentMethods}
            canWrite={canWrite}
            blockedReason={blockedReason}
          />
          <BalanceSection balances={data.balances} log={data.balanceLog} />
          <EntitlementsSection customerId={customer.id} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/**
 * The customer's billing on their page: what they subscribe to and pay on one side, what
 * they have (cards, credit, features) on the other. Absent for roles that cannot read billing.
 */
export function CustomerBilling({ customer }: { customer: Customer }) {
  return useCan('billing.read') ? <BillingSections customer={customer} /> : null;
}
