import { Checkbox, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { FeatureRow, PlanFormValues } from './plan-form';

function RowLabel({ row }: { row: FeatureRow }) {
  return (
    <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
      <Text size="sm" fw={550}>
        {row.name}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace" truncate>
        {row.key}
      </Text>
    </Stack>
  );
}

/**
 * One control per feature of the workspace, generated from the feature list: a switch for
 * a flag; for a limit, a number with an "Unlimited" box (an empty number leaves it out).
 */
export function FeatureValuesEditor({ form }: { form: UseFormReturnType<PlanFormValues> }) {
  const rows = form.getValues().features;
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The workspace has no features yet; add one to give plans something to include.
      </Text>
    );
  }
  return (
    <Stack gap="sm" role="group" aria-label="Features">
      {rows.map((row, index) => (
        <Group key={row.key} justify="space-between" wrap="nowrap" gap="md" align="flex-start">
          <RowLabel row={row} />
          {row.kind === 'flag' ? (
            <Switch
              aria-label={row.name}
              onLabel="ON"
              offLabel="OFF"
              size="md"
              mt={4}
              {...form.getInputProps(`features.${index}.on`, { type: 'checkbox' })}
            />
          ) : (
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <NumberInput
                aria-label={`${row.name} limit`}
                placeholder={row.unlimited ? 'Unlimited' : 'Not included'}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator=","
                disabled={row.unlimited}
                w={150}
                {...form.getInputProps(`features.${index}.limit`)}
                // An unlimited feature has no number, whatever was typed before the box was ticked.
                {...(row.unlimited && { value: '' })}
              />
              <Checkbox
                label="Unlimited"
                aria-label={`${row.name}: unlimited`}
                mt={8}
                {...form.getInputProps(`features.${index}.unlimited`, { type: 'checkbox' })}
              />
            </Group>
          )}
        </Group>
      ))}
    </Stack>
  );
}
