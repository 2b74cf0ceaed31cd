import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

/**
 * A secret the server hands out once (an API key, an invitation token, a webhook signing
 * secret): shown in full with a copy button and a warning, since closing this dialog loses
 * it for good. `note` says what to do with it and what Tollgate keeps of it.
 */
export function SecretOnce({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <Stack gap="sm">
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Copy it now">
        {note} It is shown only this once.
      </Alert>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Code block aria-label={label} data-testid="secret-once" style={{ wordBreak: 'break-all' }}>
        {value}
      </Code>
      <Group justify="flex-end">
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? 'light' : 'filled'}
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              onClick={copy}
            >
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
