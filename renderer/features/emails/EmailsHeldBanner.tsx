import { Alert, Code, Group, Text, Tooltip } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { SMTP_SETTINGS } from '../../../shared/emails/smtp-settings';
import { useTRPC } from '../../lib/trpc';
import { heldEmailsNotice } from './delivery-text';

/** Says when customers' emails are not leaving (no SMTP, or the demo), and which settings send them. */
export function EmailsHeldBanner() {
  const trpc = useTRPC();
  const delivery = useQuery(trpc.emails.delivery.queryOptions());
  const notice = delivery.data ? heldEmailsNotice(delivery.data.state) : null;
  if (!notice) return null;
  return (
    <Alert
      color={delivery.data?.state === 'held_demo' ? 'blue' : 'yellow'}
      icon={<IconMailOff size={18} stroke={1.75} />}
      title={notice.title}
      role="status"
      aria-label={notice.title}
    >
      <Text size="sm">{notice.message}</Text>
      <Group gap={6} mt={6} aria-label="SMTP settings">
        {SMTP_SETTINGS.map((setting) => (
          <Tooltip key={setting.name} label={setting.what}>
            <Code>{setting.name}</Code>
          </Tooltip>
        ))}
      </Group>
    </Alert>
  );
}
