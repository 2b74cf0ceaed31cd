import { useForm } from '@mantine/form';
import { formErrors } from './server-errors';

/**
 * A form in a dialog that sends one command: closing resets it, and a refused command shows
 * each field's problem under that field (the fields are the form's own values), anything else
 * as the form's own problem.
 */
export function useDialogForm<V extends Record<string, string>>(options: {
  initialValues: V;
  onClose: () => void;
  onSubmit: (values: V) => Promise<void>;
}) {
  const form = useForm<V>({ mode: 'controlled', initialValues: options.initialValues });
  const close = () => {
    form.reset();
    options.onClose();
  };
  const submit = form.onSubmit(async (values) => {
    try {
      await options.onSubmit(values);
    } catch (error) {
      form.setErrors(formErrors(error, Object.keys(options.initialValues)));
    }
  });
  return { form, close, submit };
}
