import { Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One titled section of the license page, named for screen readers by its title. */
export function Section({
  id,
  title,
  note,
  actions,
  children,
}: {
  id: string;
  title: string;
  note?: string;
  /** Buttons beside the title. */
  actions?: ReactNode;
  children: ReactNode;
}) {
  const heading = (
    <Title order={4} id={id} mb={note ? 2 : 'md'}>
      {title}
    </Title>
  );
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={id}>
      {actions ? (
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          {heading}
          {actions}
        </Group>
      ) : (
        heading
      )}
      {note && (
        <Text size="xs" c="dimmed" mb="md">
          {note}
        </Text>
      )}
      {children}
    </Paper>
  );
}
