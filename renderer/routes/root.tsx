import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { createRootRoute, Link } from '@tanstack/react-router';
import { AppLayout } from '../shell/AppLayout';

function NotFound() {
  return (
    <Center mih="60vh">
      <Stack align="center" gap="xs">
        <Title order={3}>Nothing here</Title>
        <Text c="dimmed" size="sm">
          This address does not lead to a page in Tollgate.
        </Text>
        <Button component={Link} to="/customers" variant="default" mt="sm">
          Go to customers
        </Button>
      </Stack>
    </Center>
  );
}

export const rootRoute = createRootRoute({
  component: AppLayout,
  notFoundComponent: NotFound,
});
