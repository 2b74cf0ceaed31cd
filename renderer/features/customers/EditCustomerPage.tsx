import { Alert, Anchor, Button, List, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { FieldConflict } from '../../../shared/errors';
import { readServerProblem } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCommandKey } from '../../lib/offline/command-key';
import { conflictText } from '../../lib/offline/conflict-text';
import { PageHeader } from '../../ui/PageHeader';
import { CustomerForm } from './CustomerForm';
import { CustomerMissing } from './CustomerMissing';
import { editInput, valuesFrom, type CustomerFormValues } from './form-values';
import { useCustomer } from './use-customer';
import { useCustomerMutations } from './use-customer-mutations';

export function EditCustomerPage() {
  const { id, query } = useCustomer();
  const navigate = useNavigate();
  const { commandKey, renew } = useCommandKey();
  const { update } = useCustomerMutations(commandKey);
  const [conflict, setConflict] = useState<{ message: string; fields: FieldConflict[] } | null>(null);
  const customer = query.data;
  useDocumentTitle(`Edit ${customer?.name ?? 'customer'} · Tollgate`);
  const toProfile = () => void navigate({ to: '/customers/$id', params: { id } });

  if (!customer) return <CustomerMissing error={query.error} />;

  const save = async (values: CustomerFormValues) => {
    const input = editInput(customer, values);
    if (Object.keys(input.patch).length === 0) return toProfile();
    try {
      // base: the server applies each changed field unless someone changed that same field meanwhile.
      const answer = await update.mutateAsync(input);
      notifySuccess('Changes saved', `${customer.name} was updated.`, answer);
      renew();
      toProfile();
    } catch (error) {
      renew();
      const problem = readServerProblem(error);
      if (Object.keys(problem.fieldErrors).length > 0) throw error;
      if (problem.code === 'CONFLICT') setConflict({ message: problem.message, fields: problem.conflicts });
      else notifyError(error, 'Could not save');
    }
  };

  const reload = async () => {
    await query.refetch();
    setConflict(null);
  };

  const notice = conflict && (
    <Alert color="orange" title="Someone else changed this customer" role="alert">
      {conflict.message}
      {conflict.fields.length > 0 && (
        <List size="sm" mt={4}>
          {conflict.fields.map((field) => (
            <List.Item key={field.field}>{conflictText(field)}</List.Item>
          ))}
        </List>
      )}
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
