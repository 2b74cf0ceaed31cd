import { Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { productCreateInput } from '../../../shared/catalog/schema';
import { formErrorsOf } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { FormModal } from '../../ui/FormModal';
import { useCreateProduct } from './use-catalog';
import { zodFieldErrors } from './zod-errors';

const EMPTY = { name: '', description: '' };

/** Adds a product: what is sold, under which plans and prices are set. */
export function ProductFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const createProduct = useCreateProduct();
  const form = useForm({
    mode: 'controlled',
    initialValues: EMPTY,
    validate: (values) => zodFieldErrors(productCreateInput, values),
    validateInputOnBlur: true,
  });
  const close = () => {
    form.reset();
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    try {
      const product = await createProduct.mutateAsync(values);
      notifySuccess('Product created', `Add plans to ${product.name} to start selling it.`);
      close();
    } catch (error) {
      form.setErrors(formErrorsOf(error));
    }
  });

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title="New product"
      onSubmit={submit}
      submitLabel="Create product"
      submitting={createProduct.isPending}
      error={form.errors._}
    >
      <TextInput
        label="Name"
        placeholder="Lumen Live"
        withAsterisk
        data-autofocus
        {...form.getInputProps('name')}
      />
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
