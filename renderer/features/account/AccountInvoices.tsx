import { Badge, Button, Paper, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconDownload } from '@tabler/icons-react';
import { notifyError } from '../../lib/notify';
import { saveBlob } from '../../lib/save-file';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { formatDate } from '../../lib/format';
import { MoneyText } from '../../ui/MoneyText';
import { receiptBlob } from '../invoices/receipt-file';

const STATUS_COLOR: Record<string, string> = {
  open: 'blue',
  paid: 'teal',
  void: 'gray',
  uncollectible: 'red',
};

/** The account's issued invoices, newest first, each with its receipt to download. */
export function AccountInvoices() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const invoices = useQuery(trpc.account.invoices.queryOptions({ limit: 50 }));
  const receipt = useMutation({
    mutationFn: (id: string) => client.account.receipt.query({ id, format: 'pdf' }),
    onSuccess: (file) => saveBlob(receiptBlob(file), file.filename),
    onError: (error) => notifyError(error, 'Could not make the receipt'),
  });
  const items = invoices.data?.items ?? [];
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={3} fz="lg" mb="sm">
        Invoices
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {invoices.isPending ? 'Loading invoices…' : 'No invoices yet.'}
        </Text>
      ) : (
        <Table aria-label="Your invoices" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Number</Table.Th>
              <Table.Th>Issued</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Total</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((invoice) => (
              <Table.Tr key={invoice.id}>
                <Table.Td>{invoice.number}</Table.Td>
                <Table.Td>{invoice.issuedAt === null ? '' : formatDate(invoice.issuedAt)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLOR[invoice.status] ?? 'gray'}>
                    {invoice.status}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  <MoneyText amount={invoice.total} currency={invoice.currency} />
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconDownload size={14} stroke={1.75} />}
                    loading={receipt.isPending && receipt.variables === invoice.id}
                    onClick={() => receipt.mutate(invoice.id)}
                    aria-label={`Download the receipt of ${invoice.number ?? 'this invoice'}`}
                  >
                    Receipt
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
