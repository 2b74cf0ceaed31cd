import { ActionIcon, Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { firstFieldErrors, readServerProblem } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { MoneyText } from '../../ui/MoneyText';
import { CustomerSelect, type CustomerOption } from './CustomerSelect';
import { parseLines, type LineDraft } from './manual-invoice';
import { useInvoiceMutations } from './use-invoice-mutations';

interface NewInvoiceValues {
  customer: CustomerOption | null;
  currency: string;
  lines: LineDraft[];
}

let nextKey = 1;
const blankLine = (): LineDraft => ({ key: nextKey++, description: '', quantity: 1, unitAmount: '' });

/** A one-off invoice (a setup fee, a bundle): issued at once, then collected with "Pay now". */
export function NewInvoiceDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { createManual } = useInvoiceMutations();
  const catalog = useQuery({ ...trpc.catalog.overview.queryOptions(), enabled: opened });
  const currencies = [
    ...new Set(
      catalog.data?.products.flatMap((p) => p.plans.flatMap((pl) => pl.prices.map((pr) => pr.currency))) ??
        [],
    ),
  ];
  const form = useForm<NewInvoiceValues>({
    mode: 'controlled',
    initialValues: { customer: null, currency: 'USD', lines: [blankLine()] },
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!values.customer) errors.customer = 'Choose who the invoice is for';
      const parsed = parseLines(values.lines, values.currency);
      return parsed.ok ? errors : { ...errors, ...parsed.errors };
    },
  });
  const preview = parseLines(form.values.lines, form.values.currency);

  const close = () => {
    form.reset();
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    const parsed = parseLines(values.lines, values.currency);
    if (!values.customer || !parsed.ok) return;
    try {
      const invoice = await createManual.mutateAsync({
        customerId: values.customer.id,
        currency: values.currency,
        lines: parsed.lines,
      });
      notifySuccess('Invoice issued', `${invoice.number ?? 'The invoice'} is open; collect it with Pay now.`);
      close();
      await navigate({ to: '/invoices/$id', params: { id: invoice.id } });
    } catch (error) {
      const fields = firstFieldErrors(readServerProblem(error).fieldErrors);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else notifyError(error, 'Could not issue the invoice');
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="New invoice" size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Group grow align="flex-start">
            <CustomerSelect
              label="Customer"
              value={form.values.customer}
              onChange={(c) => form.setFieldValue('customer', c)}
              error={form.errors.customer as string | undefined}
            />
            <Select
              label="Currency"
              data={currencies.length > 0 ? currencies : ['USD']}
              allowDeselect={false}
              {...form.getInputProps('currency')}
            />
          </Group>
          <Stack gap="xs" role="group" aria-label="Lines">
            {form.values.lines.map((line, index) => (
              <Group key={line.key} gap="sm" align="flex-start" wrap="nowrap">
                <TextInput
                  label="Description"
                  placeholder="Setup fee"
                  style={{ flex: 3 }}
                  {...form.getInputProps(`lines.${index}.description`)}
                />
                <NumberInput
                  label="Qty"
                  min={1}
                  allowDecimal={false}
                  allowNegative={false}
                  w={90}
                  {...form.getInputProps(`lines.${index}.quantity`)}
                />
                <TextInput
                  label="Unit price"
                  placeholder="49.00"
                  inputMode="decimal"

                  w={170}
                  {...form.getInputProps(`lines.${index}.unitAmount`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={28}
                  aria-label={`Remove line ${index + 1}`}
                  disabled={form.values.lines.length === 1}
                  onClick={() => form.removeListItem('lines', index)}
                >
                  <IconTrash size={16} stroke={1.75} />
                </ActionIcon>
              </Group>
            ))}
            <Group justify="space-between">
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => form.insertListItem('lines', blankLine())}
              >
                Add line
              </Button>
              <Text size="xs" c="dimmed">
                A negative unit price makes a credit line.
              </Text>
            </Group>
          </Stack>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Total{' '}
              {preview.ok ? (
                <MoneyText
                  amount={preview.total}
                  currency={form.values.currency}
                  fw={650}
                  c="var(--mantine-color-text)"
                />
              ) : (
                '—'
              )}
            </Text>
            <Group gap="sm">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={createManual.isPending}>
                Issue invoice
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
