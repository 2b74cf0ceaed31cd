import { Button } from '@mantine/core';
import { IconArchive, IconArchiveOff } from '@tabler/icons-react';
import type { Customer } from '../../../shared/customers/schema';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCommandKey } from '../../lib/offline/command-key';
import { confirmAction } from '../../ui/confirm';
import { useCustomerMutations } from './use-customer-mutations';

/** Archive (with a confirmation naming the customer) or unarchive. */
export function ArchiveButton({ customer }: { customer: Customer }) {
  // One key per button: a second click (or a replay) while the first waits is the same command.
  const { commandKey, renew } = useCommandKey();
  const { archive, unarchive } = useCustomerMutations(commandKey);

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
              onSuccess: (answer) => {
                notifySuccess('Customer unarchived', `${customer.name} is active again.`, answer);
                renew();
              },
              onError: (error) => {
                notifyError(error, 'Could not unarchive');
                renew();
              },
            },
          )
        }
      >
        Unarchive
      </Button>
    );
  }

  const confirm = () =>
    confirmAction({
      title: `Archive ${customer.name}?`,
      body: (
        <>
          {customer.name} will disappear from the active customer list. Nothing is deleted: their history
          stays, and you can unarchive them at any time.
        </>
      ),
      confirmLabel: 'Archive customer',
      destructive: true,
      onConfirm: () =>
        archive.mutate(
          { id: customer.id },
          {
            onSuccess: (answer) => {
              notifySuccess('Customer archived', `${customer.name} was archived.`, answer);
              renew();
            },
            onError: (error) => {
              notifyError(error, 'Could not archive');
              renew();
            },
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
