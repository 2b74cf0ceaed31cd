import { Anchor, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useNavigate } from '@tanstack/react-router';
import { readServerProblem } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCommandKey } from '../../lib/offline/command-key';
import { PageHeader } from '../../ui/PageHeader';
import { CustomerForm } from './CustomerForm';
import { EMPTY_VALUES, parseCustomerForm } from './form-values';
import { useCustomerMutations } from './use-customer-mutations';

export function NewCustomerPage() {
  const navigate = useNavigate();
  const { commandKey, renew } = useCommandKey();
  const { create } = useCustomerMutations(commandKey);
  useDocumentTitle('New customer · Tollgate');

  const save = async (values: typeof EMPTY_VALUES) => {
    try {
      const customer = await create.mutateAsync(parseCustomerForm(values));
      // Queued offline, the customer is on this desktop's copy already, under a provisional id.
      notifySuccess('Customer created', `${customer.name} was added.`, customer);
      renew();
      await navigate({ to: '/customers/$id', params: { id: customer.id } });
    } catch (error) {
      renew();
      // Field problems go on the fields (the form handles them); anything else is a toast.
      if (Object.keys(readServerProblem(error).fieldErrors).length === 0)
        notifyError(error, 'Could not create');
      throw error;
    }
  };

  return (
    <Stack gap="lg">
      <PageHeader
        above={
          <Anchor component={Link} to="/customers" size="sm" c="dimmed">
            ← Customers
          </Anchor>
        }
        title="New customer"
        description="They can be edited or archived later; every change is recorded on their timeline."
      />
      <CustomerForm
        initialValues={EMPTY_VALUES}
        submitLabel="Create customer"
        onSubmit={save}
        onCancel={() => void navigate({ to: '/customers' })}
      />
    </Stack>
  );
}
