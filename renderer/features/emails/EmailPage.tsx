import { Anchor, Grid, Group, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { EmailFacts } from './EmailFacts';
import { EmailPreview } from './EmailPreview';
import { EmailStatusBadge } from './EmailStatusBadge';
import { TEMPLATE_LABELS } from './labels';
import { SendAgainButton } from './SendAgainButton';

/** One email of the outbox: what it says, in HTML and plain text, and how its delivery went. */
export function EmailPage() {
  const { id } = useParams({ from: '/emails/$id' });
  const trpc = useTRPC();
  const query = useQuery(trpc.emails.get.queryOptions({ id }));
  const email = query.data;
  useDocumentTitle(`${email?.subject ?? 'Email'} · Tollgate`);

  const back = (
    <Anchor component={Link} to="/emails" size="sm" c="dimmed">
      ← Emails
    </Anchor>
  );
  if (!email) {
    return (
      <Stack gap="lg">
        {back}
        <LoadOrProblem error={query.error} what="email" />
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      <PageHeader
        above={back}
        title={
          <Group gap="sm" component="span" wrap="nowrap">
            <span>{email.subject}</span>
            <EmailStatusBadge status={email.status} reason={email.lastError} size="md" />
          </Group>
        }
        description={
          <Text span size="sm" c="dimmed">
            {TEMPLATE_LABELS[email.template]} · to {email.recipient} · {formatDateTime(email.createdAt)}
          </Text>
        }
        actions={<SendAgainButton email={email} />}
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <EmailPreview email={email} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <EmailFacts email={email} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
