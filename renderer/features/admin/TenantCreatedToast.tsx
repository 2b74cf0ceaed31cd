import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';

/**
 * After a tenant is made, what to do next, as buttons: a new tenant has nobody in it, so
 * its first admin is invited from here (the invite dialog opens on it), or the console
 * moves into it. Stays until closed or used: it is the next step, not a passing note.
 */
export function notifyTenantCreated(
  tenant: { id: string; name: string },
  actions: { invite: () => void; open: () => void },
): void {
  const id = `tenant-created-${tenant.id}`;
  const run = (action: () => void) => () => {
    notifications.hide(id);
    action();
  };
  notifications.show({
    id,
    title: 'Tenant created',
    color: 'teal',
    autoClose: false,
    message: (
      <Stack gap={8}>
        <Text size="sm">{tenant.name} is ready. It has no members yet: invite its first admin.</Text>
        <Group gap="xs">
          <Button size="xs" onClick={run(actions.invite)}>
            Invite its first admin
          </Button>
          <Button size="xs" variant="default" onClick={run(actions.open)}>
            Switch to {tenant.name}
          </Button>
        </Group>
      </Stack>
    ),
  });
}
