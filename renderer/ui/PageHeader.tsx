import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** Above the title: a back link or breadcrumb. */
  above?: ReactNode;
  actions?: ReactNode;
}

/** The top of every screen: what it is, and its main actions on the right. */
export function PageHeader({ title, description, above, actions }: PageHeaderProps) {
  return (
    <Stack gap={4}>
      {above}
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="md">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={2} fz={24} lh={1.25}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {actions && (
          <Group gap="sm" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
    </Stack>
  );
}
