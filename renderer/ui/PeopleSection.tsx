import { Button, Group, Paper, Stack, Text, TextInput, Title, type TextInputProps } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { confirmAction } from './confirm';

/**
 * A section of people (a license's seat holders, a customer's account admins): its h3 title, a
 * line that says what they are, one button that adds someone, and the list below.
 */
export function PeopleSection(props: {
  title: string;
  description: ReactNode;
  addLabel: string;
  onAdd: () => void;
  addDisabled: boolean;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={props.title}>
      <Group justify="space-between" mb="sm">
        <Stack gap={2}>
          <Title order={3} fz="lg">
            {props.title}
          </Title>
          <Text size="sm" c="dimmed">
            {props.description}
          </Text>
        </Stack>
        <Button
          variant="default"
          leftSection={<IconUserPlus size={16} stroke={1.75} />}
          onClick={props.onAdd}
          disabled={props.addDisabled}
        >
          {props.addLabel}
        </Button>
      </Group>
      {props.children}
    </Paper>
  );
}

/** Takes a person off the list once the user confirms what that means. */
export function RemovePersonButton(props: {
  'aria-label'?: string;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
}) {
  return (
    <Button
      size="xs"
      variant="subtle"
      color="red"
      aria-label={props['aria-label']}
      onClick={() =>
        confirmAction({
          title: props.title,
          body: props.body,
          confirmLabel: props.confirmLabel,
          destructive: true,
          onConfirm: props.onConfirm,
        })
      }
    >
      Remove
    </Button>
  );
}

/** The email a person is invited or given a seat by. */
export function PersonEmailInput(props: TextInputProps) {
  return <TextInput label="Email" type="email" withAsterisk autoComplete="off" {...props} />;
}
