import { Alert, Button, Group, Modal, Stack, type ModalProps } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';

interface ModalFormProps {
  /** The form's submit handler (e.g. Mantine's `form.onSubmit(...)`). */
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  submitLabel: string;
  submitting: boolean;
  /** A problem that belongs to no field, shown above the buttons. */
  error?: ReactNode;
  /** Above the fields, e.g. a conflict notice. */
  notice?: ReactNode;
  children: ReactNode;
}

/** A dialog's form: fields, a problem that belongs to no field, then Cancel and submit. */
export function ModalForm({
  onSubmit,
  onCancel,
  submitLabel,
  submitting,
  error,
  notice,
  children,
}: ModalFormProps) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {notice}
        {children}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type FormModalProps = Omit<ModalFormProps, 'onCancel'> & {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  size?: ModalProps['size'];
};

/** A dialog holding one form; Enter submits and Escape cancels, as in every dialog of the console. */
export function FormModal({ opened, onClose, title, size, ...form }: FormModalProps) {
  return (
    <FormDialog opened={opened} onClose={onClose} title={title} size={size}>
      <ModalForm onCancel={onClose} {...form} />
    </FormDialog>
  );
}

/** The console's dialog frame, for forms that need to control their own body. */
export function FormDialog(props: Pick<ModalProps, 'opened' | 'onClose' | 'title' | 'size' | 'children'>) {
  return <Modal radius="lg" centered {...props} size={props.size ?? 'md'} />;
}

/**
 * The last non-null value: a dialog closed by clearing what it shows keeps showing it
 * while it fades out, instead of collapsing to an empty frame.
 */
export function useLastShown<T>(value: T | null): T | null {
  const [shown, setShown] = useState(value);
  if (value !== null && value !== shown) setShown(value);
  return value ?? shown;
}
