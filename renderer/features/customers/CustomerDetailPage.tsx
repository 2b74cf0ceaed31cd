import { Anchor, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { useDocumentTitle, useHotkeys } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useCan } from '../../shell/session';
import { PageHeader } from '../../ui/PageHeader';
import { CustomerBilling } from '../customer-billing';
import { CustomerBranding } from '../branding';
import { AccountAdmins } from './AccountAdmins';
import { ArchiveButton } from './ArchiveButton';
import { CustomerMissing } from './CustomerMissing';
import { CustomerProfile } from './CustomerProfile';
import { CustomerTimeline } from './CustomerTimeline';
import { CustomerPending } from './PendingMarks';
import { StatusBadge } from './StatusBadge';
import { useCustomer } from './use-customer';

export function CustomerDetailPage() {
  const { id, query } = useCustomer();
  const navigate = useNavigate();
  const canWrite = useCan('customers.write');
  const canArchive = useCan('customers.archive');
  const customer = query.data;
  const canEdit = canWrite && customer?.status === 'active';
  const edit = () => void navigate({ to: '/customers/$id/edit', params: { id } });
  useHotkeys([['e', () => canEdit && edit()]]);
  useDocumentTitle(`${customer?.name ?? 'Customer'} · Tollgate`);

  const back = (
    <Anchor component={Link} to="/customers" size="sm" c="dimmed">
      ← Customers
    </Anchor>
  );
  if (!customer) {
    return (
      <Stack gap="lg">
        {back}
        <CustomerMissing error={query.error} />
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader
        above={back}
        title={
          <Group gap="sm" component="span">
            {customer.name}
            <StatusBadge status={customer.status} size="md" />
            <CustomerPending customer={customer} />
          </Group>
        }
        description={
          <Text span size="sm" c="dimmed">
            {customer.email}
            {customer.company ? ` · ${customer.company}` : ''}
          </Text>
        }
        actions={
          <>
            {canWrite && (
              <Button
                variant="default"
                leftSection={<IconPencil size={16} stroke={1.75} />}
                onClick={edit}
                disabled={!canEdit}
                title={canEdit ? 'Edit (E)' : 'Unarchive this customer to edit them'}
              >
                Edit
              </Button>
            )}
            {canArchive && <ArchiveButton customer={customer} />}
          </>
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <CustomerProfile customer={customer} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <CustomerTimeline customerId={customer.id} />
        </Grid.Col>
      </Grid>
      <CustomerBilling customer={customer} />
      <AccountAdmins customer={customer} />
      <CustomerBranding customerId={customer.id} />
    </Stack>
  );
}
