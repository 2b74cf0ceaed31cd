import { Anchor, Grid, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { CustomerRecordHeader } from '../../ui/CustomerRecordHeader';
import { LicenseActions } from './LicenseActions';
import { LicenseFacts, PolicyFacts } from './LicenseFacts';
import { MachinesSection, SeatsSection } from './MachinesAndSeats';
import { LicenseStatusBadge } from './status';
import { UsageSection } from './UsageSection';
import { useLicense } from './use-license';
import { ValidationLog } from './ValidationLog';

/** One license: who holds it, its policy, machines, seats, usage and validations. */
export function LicensePage() {
  const { query } = useLicense();
  const detail = query.data;
  useDocumentTitle(`${detail?.license.name ?? 'License'} · Tollgate`);

  const back = (
    <Anchor component={Link} to="/licenses" size="sm" c="dimmed">
      ← Licenses
    </Anchor>
  );
  if (!detail) {
    return (
      <Stack gap="lg">
        {back}
        <LoadOrProblem error={query.error} what="license" />
      </Stack>
    );
  }
  const { license: l, customer } = detail;
  return (
    <Stack gap="lg">
      <CustomerRecordHeader
        above={back}
        title={l.name}
        badges={<LicenseStatusBadge status={l.status} size="md" />}
        customer={{ id: l.customerId, name: customer?.name ?? l.customerId }}
        more={
          <Anchor
            size="sm"
            renderRoot={(props) => <Link to="/licenses" search={{ customer: l.customerId }} {...props} />}
          >
            all their licenses
          </Anchor>
        }
        actions={<LicenseActions detail={detail} />}
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <LicenseFacts detail={detail} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <PolicyFacts detail={detail} />
        </Grid.Col>
      </Grid>
      <MachinesSection detail={detail} />
      <SeatsSection detail={detail} />
      <UsageSection licenseId={l.id} />
      <ValidationLog licenseId={l.id} />
    </Stack>
  );
}
