import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One titled section of the license page, named for screen readers by its title. */
export function Section({
  id,
  title,
  note,
  children,
}: {
  id: string;
  title: string;
  note?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={id}>
      <Title order={4} id={id} mb={note ? 2 : 'md'}>
        {title}
      </Title>
      {note && (
        <Text size="xs" c="dimmed" mb="md">
          {note}
        </Text>
      )}
      {children}
    </Paper>
  );
}
