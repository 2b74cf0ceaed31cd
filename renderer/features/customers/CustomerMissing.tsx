import { Alert, Anchor, Center, Loader, Stack } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { readServerProblem } from '../../lib/errors';

/** While the customer loads, or why it could not be shown. */
export function CustomerMissing({ error }: { error: unknown }) {
  if (!error) {
    return (
      <Center mih={240}>
        <Loader aria-label="Loading customer" />
      </Center>
    );
  }
  const problem = readServerProblem(error);
  return (
    <Stack maw={560} gap="sm">
      <Alert color={problem.code === 'NOT_FOUND' ? 'gray' : 'red'} title="Cannot show this customer">
        {problem.message}
      </Alert>
      <Anchor component={Link} to="/customers" size="sm">
        ← Back to customers
      </Anchor>
    </Stack>
  );
}
