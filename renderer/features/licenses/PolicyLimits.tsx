import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { EMPTY_LIMIT, type PolicyFormValues } from './policy-form-values';

const RULE_OPTIONS = [
  { value: 'BLOCK', label: 'Block at the limit' },
  { value: 'BILL', label: 'Bill each unit over' },
  { value: 'ALLOW_MULTIPLE', label: 'Allow up to a multiple' },
];

/** The policy's usage limits: a metric, its limit per period, and what happens past it. */
export function PolicyLimits({ form }: { form: UseFormReturnType<PolicyFormValues> }) {
  const limits = form.getValues().usageLimits;
  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" size="sm" fw={500}>
        Usage limits per period
      </Text>
      {limits.length === 0 && (
        <Text size="sm" c="dimmed">
          No metric is limited.
        </Text>
      )}
      {limits.map((limit, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="wrap">
          <TextInput
            label="Metric"
            placeholder="course_hours"
            w={160}
            {...form.getInputProps(`usageLimits.${i}.metric`)}
          />
          <TextInput
            label="Limit"
            inputMode="numeric"
            w={110}
            {...form.getInputProps(`usageLimits.${i}.limit`)}
          />
          <Select
            label="Past the limit"
            data={RULE_OPTIONS}
            w={200}
            allowDeselect={false}
            {...form.getInputProps(`usageLimits.${i}.rule`)}
          />
          {limit.rule === 'BILL' && (
            <>
              <TextInput
                label="Unit price"
                placeholder="0.25"
                w={110}
                {...form.getInputProps(`usageLimits.${i}.unitPrice`)}
              />
              <TextInput label="Currency" w={90} {...form.getInputProps(`usageLimits.${i}.currency`)} />
            </>
          )}
          {limit.rule === 'ALLOW_MULTIPLE' && (
            <TextInput
              label="Up to (%)"
              inputMode="numeric"
              w={100}
              {...form.getInputProps(`usageLimits.${i}.percent`)}
            />
          )}
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={26}
            aria-label={`Remove the ${limit.metric || 'new'} limit`}
            onClick={() => form.removeListItem('usageLimits', i)}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => form.insertListItem('usageLimits', { ...EMPTY_LIMIT })}
        >
          Add a limit
        </Button>
      </Group>
    </Stack>
  );
}
