import { Badge, Button, Paper, Table, Text, Title } from '@mantine/core';
import { formatDate } from '../../lib/format';
import { confirmAction } from '../../ui/confirm';
import type { BrandingVersionRow } from './types';

const STATUS_COLOR = { draft: 'yellow', published: 'green', superseded: 'gray' } as const;

/** Every version of the branding, newest first; an earlier one can be restored into the draft. */
export function BrandingVersions({
  versions,
  canEdit,
  onRestore,
}: {
  versions: BrandingVersionRow[];
  canEdit: boolean;
  onRestore: (v: BrandingVersionRow) => void;
}) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Branding versions">
      <Title order={3} fz="lg" mb="sm">
        Versions
      </Title>
      {versions.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing saved yet.
        </Text>
      ) : (
        <Table aria-label="Versions" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Product name</Table.Th>
              <Table.Th>Published</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.number}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLOR[v.status]}>
                    {v.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{v.productName}</Table.Td>
                <Table.Td>
                  {v.publishedAt === null ? '—' : `${formatDate(v.publishedAt)} by ${v.publishedBy ?? '—'}`}
                </Table.Td>
                <Table.Td ta="right">
                  {canEdit && v.status !== 'draft' && (
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Restore version ${v.number}`}
                      onClick={() =>
                        confirmAction({
                          title: `Restore version ${v.number}?`,
                          body: 'Its branding becomes the draft (replacing the current draft, if any). Nothing changes for anyone until you publish it.',
                          confirmLabel: 'Restore into the draft',
                          onConfirm: () => onRestore(v),
                        })
                      }
                    >
                      Restore
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
