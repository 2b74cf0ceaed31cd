import { Button, Center, Code, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

interface ErrorFallbackProps {
  error: unknown;
  onReload?: () => void;
}

/**
 * What the user sees when a screen crashes: what happened in plain words and a way out.
 * Stack traces help developers, not staff, so they appear only in development builds.
 */
export function ErrorFallback({ error, onReload = () => window.location.reload() }: ErrorFallbackProps) {
  const message = error instanceof Error ? error.message : String(error);
  const stack = import.meta.env.DEV && error instanceof Error ? error.stack : undefined;
  return (
    <Center mih="60vh" p="xl">
      <Paper withBorder radius="lg" p="xl" maw={560} w="100%" role="alert">
        <Stack gap="sm">
          <IconAlertTriangle size={32} color="var(--mantine-color-red-6)" aria-hidden />
          <Title order={3}>Something went wrong on this screen</Title>
          <Text c="dimmed" size="sm">
            The rest of Tollgate is fine and nothing you saved was lost. Reloading usually fixes it.
          </Text>
          <Code block>{message}</Code>
          {stack && (
            <Code block fz="xs" mah={200} style={{ overflow: 'auto' }}>
              {stack}
            </Code>
          )}
          <Button onClick={onReload} w="fit-content">
            Reload
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
