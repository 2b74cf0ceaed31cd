import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { readServerProblem } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';
import { PageHeader } from '../../ui/PageHeader';
import { CustomerForm } from './CustomerForm';
import { CustomerMissing } from './CustomerMissing';
import { changedFields, valuesFrom, type CustomerFormValues } from './form-values';
import { useCustomer } from './use-customer';
import { useCustomerMutations } from './use-customer-mutations';

export function EditCustomerPage() {
  const { id, query } = useCustomer();
  const navigate = useNavigate();
  const { update } = useCustomerMutations();
  const [conflict, setConflict] = useState<string | null>(null);
  const customer = query.data;
  useDocumentTitle(`Edit ${customer?.name ?? 'customer'} · Tollgate`);
  const toProfile = () => void navigate({ to: '/customers/$id', params: { id } });

  if (!customer) return <CustomerMissing error={query.error} />;

  const save = async (values: CustomerFormValues) => {
    const patch = changedFields(customer, values);
    if (Object.keys(patch).length === 0) return toProfile();
    try {
      // expectedVersion: the server refuses the edit if someone saved a newer version meanwhile.
      await update.mutateAsync({ id: customer.id, expectedVersion: customer.version, patch });
      notifySuccess('Changes saved', `${customer.name} was updated.`);
      toProfile();
    } catch (error) {
      const problem = readServerProblem(error);
      if (Object.keys(problem.fieldErrors).length > 0) throw error;
      if (problem.code === 'CONFLICT') setConflict(problem.message);
      else notifyError(error, 'Could not save');
    }
  };

  const reload = async () => {
    await query.refetch();
    setConflict(null);
  };

  const notice = conflict && (
    <Alert color="orange" title="Someone else changed this customer" role="alert">
      {conflict}
      <Button size="xs" variant="light" color="orange" mt="sm" display="block" onClick={() => void reload()}>
        Load their version
      </Button>
    </Alert>
  );

  return (
    <Stack gap="lg">
      <PageHeader
        above={
          <Anchor
            size="sm"
            c="dimmed"
            renderRoot={(props) => <Link to="/customers/$id" params={{ id }} {...props} />}
          >
            ← {customer.name}
          </Anchor>
        }
        title={`Edit ${customer.name}`}
        description="Only the fields you change are saved."
      />
      <CustomerForm
        // A newer version from the server starts the form afresh from it.
        key={customer.version}
        initialValues={valuesFrom(customer)}
        submitLabel="Save changes"
        onSubmit={save}
        onCancel={toProfile}
        notice={notice}
        requireChanges
      />
    </Stack>
  );
}
