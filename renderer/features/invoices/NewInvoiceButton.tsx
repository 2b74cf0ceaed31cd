import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useCan } from '../../shell/session';
import { NewInvoiceDialog } from './NewInvoiceDialog';

/** "New invoice" for staff who may write billing. */
export function NewInvoiceButton() {
  const canWrite = useCan('billing.write');
  const [opened, { open, close }] = useDisclosure(false);
  if (!canWrite) return null;
  return (
    <>
      <Button leftSection={<IconPlus size={16} stroke={2} />} onClick={open}>
        New invoice
      </Button>
      <NewInvoiceDialog opened={opened} onClose={close} />
    </>
  );
}
