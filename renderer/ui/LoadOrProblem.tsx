import { Alert, Center, Loader } from '@mantine/core';
import { readServerProblem } from '../lib/errors';

/** While a record loads, or why it could not be shown ("Cannot show this invoice"). */
export function LoadOrProblem({ error, what }: { error: unknown; what: string }) {
  if (!error) {
    return (
      <Center mih={240}>
        <Loader aria-label={`Loading ${what}`} />
      </Center>
    );
  }
  const problem = readServerProblem(error);
  return (
    <Alert maw={560} color={problem.code === 'NOT_FOUND' ? 'gray' : 'red'} title={`Cannot show this ${what}`}>
      {problem.message}
    </Alert>
  );
}
