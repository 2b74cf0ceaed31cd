import { Checkbox, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from '../../../shared/webhooks/event-types';
import { firstFieldErrors, readServerProblem } from '../../lib/errors';

/** What the new-endpoint and edit forms hold. */
export interface EndpointFormValues {
  url: string;
  description: string;
  eventTypes: string[];
}

const FIELDS = ['url', 'eventTypes', 'description'];

/**
 * A field's problem under that field (an edit's come as `patch.url`…, a list's as
 * `eventTypes.0`), anything else as the form's own.
 */
export function endpointFormErrors(error: unknown): Record<string, string> {
  const problem = readServerProblem(error);
  const shown: Record<string, string> = {};
  for (const [field, message] of Object.entries(firstFieldErrors(problem.fieldErrors))) {
    const name = field.replace(/^patch\./, '').split('.')[0] ?? field;
    if (FIELDS.includes(name)) shown[name] ??= message;
  }
  return Object.keys(shown).length > 0 ? shown : { _: problem.message };
}

/** URL, description and the event types, as both forms show them. */
export function EndpointFields({ form }: { form: UseFormReturnType<EndpointFormValues> }) {
  return (
    <>
      <TextInput
        label="URL"
        description="Where Tollgate POSTs each event: https:// (plain http and local addresses only in the sandbox)."
        placeholder="https://app.example.com/tollgate-webhooks"
        withAsterisk
        data-autofocus
        {...form.getInputProps('url')}
      />
      <TextInput
        label="Description"
        description="Which app this is, e.g. Course catalog"
        {...form.getInputProps('description')}
      />
      <Checkbox.Group label="Events" withAsterisk {...form.getInputProps('eventTypes')}>
        <Stack gap="xs" mt="xs">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <Checkbox
              key={type}
              value={type}
              label={
                <Text size="sm" ff="monospace">
                  {type}
                </Text>
              }
              description={WEBHOOK_EVENT_DESCRIPTIONS[type]}
            />
          ))}
        </Stack>
      </Checkbox.Group>
    </>
  );
}
