import { Anchor, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { PageHeader } from './PageHeader';

interface CustomerRecordHeaderProps {
  /** The back link above the title. */
  above: ReactNode;
  title: ReactNode;
  /** Status badges beside the title. */
  badges: ReactNode;
  /** The customer the record belongs to, linked. */
  customer: { id: string; name: string };
  /** After the customer, past a dot: their email, a link to their other records… */
  more: ReactNode;
  actions: ReactNode;
}

/** The header of a page about one record of a customer (a subscription, a license): "for <customer> · …". */
export function CustomerRecordHeader({
  above,
  title,
  badges,
  customer,
  more,
  actions,
}: CustomerRecordHeaderProps) {
  return (
    <PageHeader
      above={above}
      title={
        <Group gap="sm" component="span">
          {title}
          {badges}
        </Group>
      }
      description={
        <Text span size="sm" c="dimmed">
          for{' '}
          <Anchor
            size="sm"
            renderRoot={(props) => <Link to="/customers/$id" params={{ id: customer.id }} {...props} />}
          >
            {customer.name}
          </Anchor>{' '}
          · {more}
        </Text>
      }
      actions={actions}
    />
  );
}
