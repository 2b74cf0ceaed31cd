import { Box, Select, Text } from '@mantine/core';
import { IconHeartHandshake } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { RECOVERY_STATUSES } from '../../../shared/billing/recovery-schema';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { DataTable, type DataSource } from '../../ui/data-table';
import { ExportMenu } from '../exports';
import { recoveryColumns } from './columns';
import { RECOVERY_STATUS_LOOK } from './recovery-text';
import type { RecoveryRow, RecoveryStatus } from './types';

const NOUN = { one: 'invoice', other: 'invoices' };
const SOONEST_FIRST = { field: 'nextAttemptAt', direction: 'asc' } as const;
const STATUS_OPTIONS = RECOVERY_STATUSES.map((status) => ({
  value: status,
  label: RECOVERY_STATUS_LOOK[status].label,
}));

/**
 * Invoices in recovery (or in one status of it) with their next retry, in the currency the
 * figures above show (all currencies while none is known); a row opens its invoice.
 */
export function RecoveriesTable({ currency }: { currency: string | null }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate();
  const [status, setStatus] = useState<RecoveryStatus | null>(null);
  const source = useMemo<DataSource<RecoveryRow>>(() => {
    const view = { status, currency };
    return {
      queryKey: trpc.recovery.list.infiniteQueryKey(view),
      fetchPage: (cursor, limit) => client.recovery.list.query({ ...view, cursor, limit }),
    };
  }, [status, currency, trpc, client]);

  return (
    <Box h={520} style={{ display: 'flex', flexDirection: 'column', gap: 'var(--mantine-spacing-sm)' }}>
      <DataTable
        exportMenu={(columns) => (
          <ExportMenu source="recoveries" view={{ status, currency }} columns={columns} />
        )}
        tableId="recoveries"
        label="Invoices in recovery"
        columns={recoveryColumns}
        source={source}
        getRowId={(r) => r.id}
        sort={SOONEST_FIRST}
        onSortChange={() => undefined}
        onOpenRow={(r) => void navigate({ to: '/invoices/$id', params: { id: r.invoiceId } })}
        noun={NOUN}
        filters={
          <Select
            aria-label="Recovery status"
            placeholder="In recovery"
            data={STATUS_OPTIONS}
            value={status}
            onChange={(value) => setStatus((value as RecoveryStatus | null) ?? null)}
            clearable
            w={200}
          />
        }
        empty={
          <>
            <IconHeartHandshake size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text fw={600}>
              {status ? 'No invoices in this status' : 'No invoices in recovery'}
              {currency ? ` in ${currency}` : ''}
            </Text>
            <Text size="sm" c="dimmed">
              A failed payment appears here with its next retry.
            </Text>
          </>
        }
      />
    </Box>
  );
}
