import { ActionIcon, Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { LineDraft, NewInvoiceValues } from './manual-invoice';

let nextKey = 1;
export const blankLine = (): LineDraft => ({ key: nextKey++, description: '', quantity: 1, unitAmount: '' });

/** The lines of a new invoice: description, quantity and unit price each, with what concerns them all below. */
export function ManualInvoiceLines({
  form,
  mayCredit,
}: {
  form: UseFormReturnType<NewInvoiceValues>;
  mayCredit: boolean;
}) {
  const lines = form.values.lines;
  const together = form.errors.lines;
  return (
    <Stack gap="xs" role="group" aria-label="Lines">
      {lines.map((line, index) => (
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
            disabled={lines.length === 1}
            onClick={() => form.removeListItem('lines', index)}
          >
            <IconTrash size={16} stroke={1.75} />
          </ActionIcon>
        </Group>
      ))}
      {together ? (
        <Text size="sm" c="red" role="alert">
          {together}
        </Text>
      ) : null}
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
          {mayCredit
            ? 'A negative unit price makes a credit line; credits cannot exceed the charges.'
            : 'Credit lines (negative prices) need the refund permission.'}
        </Text>
      </Group>
    </Stack>
  );
}
