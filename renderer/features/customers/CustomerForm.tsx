import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { readServerProblem, firstFieldErrors } from '../../lib/errors';
import { countryOptions } from './countries';
import { validateCustomerForm, type CustomerFormValues } from './form-values';

interface CustomerFormProps {
  initialValues: CustomerFormValues;
  submitLabel: string;
  /** Sends the values; a rejection carrying field errors puts them on the fields. */
  onSubmit: (values: CustomerFormValues) => Promise<unknown>;
  onCancel: () => void;
  /** Shown above the fields, e.g. a conflict notice. */
  notice?: ReactNode;
  /** Edits are only sent when something changed. */
  requireChanges?: boolean;
}

/** The customer's fields, checked by the shared schema as you go and again by the server. */
export function CustomerForm(props: CustomerFormProps) {
  const form = useForm<CustomerFormValues>({
    mode: 'controlled',
    initialValues: props.initialValues,
    validate: validateCustomerForm,
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit(async (values) => {
    try {
      await props.onSubmit(values);
    } catch (error) {
      const problem = readServerProblem(error);
      const fields = firstFieldErrors(problem.fieldErrors);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      // Errors without fields are shown by the caller (toast or notice).
    }
  });

  return (
    <Paper withBorder radius="lg" p="xl" maw={720} component="form" onSubmit={submit} noValidate>
      <Stack gap="md">
        {props.notice}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="Name"
            placeholder="Ada Lovelace"
            withAsterisk
            data-autofocus
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Email"
            placeholder="ada@example.com"
            type="email"
            withAsterisk
            {...form.getInputProps('email')}
          />
          <Select
            label="Country"
            placeholder="Choose a country"
            data={countryOptions()}
            searchable
            withAsterisk
            nothingFoundMessage="No such country"
            {...form.getInputProps('country')}
          />
          <TextInput label="Company" placeholder="Optional" {...form.getInputProps('company')} />
        </SimpleGrid>
        <Textarea
          label="Notes"
          placeholder="Anything the team should know (optional)"
          autosize
          minRows={3}
          maxRows={8}
          {...form.getInputProps('notes')}
        />
        {form.errors._ && <Alert color="red">{form.errors._}</Alert>}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting} disabled={props.requireChanges && !form.isDirty()}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
