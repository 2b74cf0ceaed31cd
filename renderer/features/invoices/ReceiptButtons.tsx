import { Button, Group, Modal } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconDownload, IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import { notifyError } from '../../lib/notify';
import { useTRPCClient } from '../../lib/trpc';
import { saveBlob } from '../../lib/save-file';
import { receiptBlob } from './receipt-file';
import type { Invoice, ReceiptFile } from './types';

const ICON = { size: 16, stroke: 1.75 } as const;

/**
 * The receipt of a finalized invoice: the PDF as a download, or the HTML shown in place.
 * It is shown in a sandboxed frame rather than a new window, which the desktop app refuses.
 */
export function ReceiptButtons({ invoice }: { invoice: Invoice }) {
  const client = useTRPCClient();
  const [shown, setShown] = useState<ReceiptFile | null>(null);
  const fetchReceipt = useMutation({
    mutationFn: (format: 'pdf' | 'html') => client.receipts.get.query({ id: invoice.id, format }),
    onError: (error) => notifyError(error, 'Could not make the receipt'),
  });
  if (invoice.status === 'draft' || invoice.finalizedAt === null) return null;

  const download = () =>
    fetchReceipt.mutate('pdf', { onSuccess: (file) => saveBlob(receiptBlob(file), file.filename) });
  const view = () => fetchReceipt.mutate('html', { onSuccess: setShown });
  const busy = fetchReceipt.isPending ? fetchReceipt.variables : null;

  return (
    <>
      <Button variant="default" leftSection={<IconEye {...ICON} />} onClick={view} loading={busy === 'html'}>
        View receipt
      </Button>
      <Button
        variant="default"
        leftSection={<IconDownload {...ICON} />}
        onClick={download}
        loading={busy === 'pdf'}
      >
        Download receipt
      </Button>
      <Modal
        opened={shown !== null}
        onClose={() => setShown(null)}
        title={`Receipt ${invoice.number ?? ''}`}
        size="xl"
      >
        {shown && (
          <>
            <iframe
              title={`Receipt ${invoice.number ?? ''}`}
              srcDoc={shown.content}
              sandbox=""
              style={{ width: '100%', height: '70vh', border: 0, borderRadius: 8, background: 'white' }}
            />
            <Group justify="flex-end" mt="sm">
              <Button
                variant="default"
                leftSection={<IconDownload {...ICON} />}
                onClick={() => saveBlob(receiptBlob(shown), shown.filename)}
              >
                Download HTML
              </Button>
            </Group>
          </>
        )}
      </Modal>
    </>
  );
}
