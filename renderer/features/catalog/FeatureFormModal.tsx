import { Radio, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { featureCreateInput } from '../../../shared/catalog/schema';
import type { FeatureKind } from '../../../shared/catalog/types';
import { formErrorsOf } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { FormModal } from '../../ui/FormModal';
import { useCreateFeature } from './use-catalog';
import { zodFieldErrors } from './zod-errors';

interface FeatureValues {
  key: string;
  name: string;
  kind: FeatureKind;
  description: string;
}

const EMPTY: FeatureValues = { key: '', name: '', kind: 'flag', description: '' };

/** Adds a feature plans can include; its key is what code checks, so it is fixed once made. */
export function FeatureFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const createFeature = useCreateFeature();
  const form = useForm<FeatureValues>({
    mode: 'controlled',
    initialValues: EMPTY,
    validate: (values) => zodFieldErrors(featureCreateInput, values),
    validateInputOnBlur: true,
  });
  const close = () => {
    form.reset();
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    try {
      const feature = await createFeature.mutateAsync(values);
      notifySuccess('Feature added', `Plans can now include ${feature.name}.`);
      close();
    } catch (error) {
      form.setErrors(formErrorsOf(error));
    }
  });

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title="New feature"
      onSubmit={submit}
      submitLabel="Add feature"
      submitting={createFeature.isPending}
      error={form.errors._}
    >
      <TextInput
        label="Name"
        placeholder="Live classes"
        withAsterisk
        data-autofocus
        {...form.getInputProps('name')}
      />
      <TextInput
        label="Key"
        placeholder="classes.live"
        description="What the product's code checks. Lowercase words joined by dots; it cannot change later."
        withAsterisk
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        {...form.getInputProps('key')}
      />
      <Radio.Group label="Kind" withAsterisk {...form.getInputProps('kind')}>
        <Stack gap="xs" mt={6}>
          <Radio value="flag" label="Flag" description="A plan has it or not." />
          <Radio
            value="limit"
            label="Limit"
            description="A plan allows up to a number of it, or unlimited."
          />
        </Stack>
      </Radio.Group>
      <Textarea
        label="Description"
        placeholder="Optional"
        autosize
        minRows={2}
        {...form.getInputProps('description')}
      />
    </FormModal>
  );
}
