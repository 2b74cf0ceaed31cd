import { Anchor, Grid, Group, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
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
      <PageHeader
        above={back}
        title={
          <Group gap="sm" component="span">
            {l.name}
            <LicenseStatusBadge status={l.status} size="md" />
          </Group>
        }
        description={
          <Text span size="sm" c="dimmed">
            for{' '}
            <Anchor
              size="sm"
              renderRoot={(props) => <Link to="/customers/$id" params={{ id: l.customerId }} {...props} />}
            >
              {customer?.name ?? l.customerId}
            </Anchor>{' '}
            ·{' '}
            <Anchor
              size="sm"
              renderRoot={(props) => <Link to="/licenses" search={{ customer: l.customerId }} {...props} />}
            >
              all their licenses
            </Anchor>
          </Text>
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
