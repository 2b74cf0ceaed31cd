import { Alert, Radio, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  SECRET_OVERLAPS,
  type SecretOverlap,
  type WebhookEndpointView,
} from '../../../shared/webhooks/schema';
import { readServerProblem } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { FormDialog, ModalForm } from '../../ui/FormModal';
import { SecretOnce } from '../../ui/SecretOnce';

const OVERLAP_LABELS: Record<SecretOverlap, string> = {
  now: 'Now',
  '1h': 'In 1 hour',
  '24h': 'In 24 hours',
  '7d': 'In 7 days',
};

const SECRET_NOTE =
  'Put it in the receiving app. Until the old secret expires, each delivery carries a signature for each, so the app accepts deliveries with either.';

/**
 * Rolls the signing secret, as Stripe does: the new one signs at once and is shown once; the
 * old one keeps signing beside it until the chosen expiry, so the receiving app can switch
 * without missing a delivery. "Now" is for a secret that leaked.
 */
export function RollSecretModal({
  endpoint,
  opened,
  onClose,
}: {
  endpoint: WebhookEndpointView;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roll = useMutation(trpc.webhooks.rotateSecret.mutationOptions());
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm<{ overlap: SecretOverlap; _?: string }>({
    mode: 'controlled',
    initialValues: { overlap: '24h' },
  });
  const close = () => {
    form.reset();
    setSecret(null);
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    try {
      const answer = await roll.mutateAsync({ id: endpoint.id, oldSecretExpires: values.overlap });
      await queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
      setSecret(answer.secret);
    } catch (error) {
      form.setErrors({ _: readServerProblem(error).message });
    }
  });
  return (
    <FormDialog
      opened={opened}
      onClose={close}
      title={secret ? 'New signing secret' : 'Roll signing secret'}
      size="lg"
    >
      {secret ? (
        <SecretOnce label="Signing secret" value={secret} note={SECRET_NOTE} />
      ) : (
        <ModalForm
          onSubmit={submit}
          onCancel={close}
          submitLabel="Roll secret"
          submitting={roll.isPending}
          error={form.errors._}
        >
          <Text size="sm">
            A new secret signs every delivery from now on. The current one (ending …{endpoint.secretHint})
            keeps signing beside it until it expires.
          </Text>
          <Radio.Group label="The current secret expires" {...form.getInputProps('overlap')}>
            <Stack gap="xs" mt="xs">
              {SECRET_OVERLAPS.map((overlap) => (
                <Radio key={overlap} value={overlap} label={OVERLAP_LABELS[overlap]} />
              ))}
            </Stack>
          </Radio.Group>
          {form.values.overlap === 'now' && (
            <Alert color="red" title="Deliveries fail until the app has the new secret">
              Choose this when the secret leaked: from now on only the new secret signs.
            </Alert>
          )}
        </ModalForm>
      )}
    </FormDialog>
  );
}
