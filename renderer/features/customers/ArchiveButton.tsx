import { Button, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArchive, IconArchiveOff } from '@tabler/icons-react';
import type { Customer } from '../../../shared/customers/schema';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCustomerMutations } from './use-customer-mutations';

/** Archive (with a confirmation naming the customer) or unarchive. */
export function ArchiveButton({ customer }: { customer: Customer }) {
  const { archive, unarchive } = useCustomerMutations();

  if (customer.status === 'archived') {
    return (
      <Button
        variant="default"
        leftSection={<IconArchiveOff size={16} stroke={1.75} />}
        loading={unarchive.isPending}
        onClick={() =>
          unarchive.mutate(
            { id: customer.id },
            {
              onSuccess: () => notifySuccess('Customer unarchived', `${customer.name} is active again.`),
              onError: (error) => notifyError(error, 'Could not unarchive'),
            },
          )
        }
      >
        Unarchive
      </Button>
    );
  }

  const confirm = () =>
    modals.openConfirmModal({
      title: `Archive ${customer.name}?`,
      children: (
        <Text size="sm">
          {customer.name} will disappear from the active customer list. Nothing is deleted: their history
          stays, and you can unarchive them at any time.
        </Text>
      ),
      labels: { confirm: 'Archive customer', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        archive.mutate(
          { id: customer.id },
          {
            onSuccess: () => notifySuccess('Customer archived', `${customer.name} was archived.`),
            onError: (error) => notifyError(error, 'Could not archive'),
          },
        ),
    });

  return (
    <Button
      variant="default"
      color="red"
      leftSection={<IconArchive size={16} stroke={1.75} />}
      loading={archive.isPending}
      onClick={confirm}
    >
      Archive
    </Button>
  );
}
