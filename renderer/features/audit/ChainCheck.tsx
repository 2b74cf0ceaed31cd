import { Alert, Button, List, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { formatCount } from '../../lib/format';
import { useTRPCClient } from '../../lib/trpc';
import type { ChainReport } from './types';

const PROBLEM_TEXT: Record<ChainReport['problems'][number]['kind'], string> = {
  altered: 'was changed after it was written',
  broken_link: 'does not follow the entry before it',
  missing_entries: 'comes after a gap: entries before it were removed',
  unlinked_entry: 'was written outside the chain',
  truncated: 'is where the trail now ends, short of its recorded last entry',
};

/** The "Verify" action: recomputes the whole chain on the server and says what it found. */
export function useChainCheck() {
  const client = useTRPCClient();
  return useMutation({ mutationFn: () => client.audit.verify.query() });
}

export function ChainCheckButton({ check }: { check: ReturnType<typeof useChainCheck> }) {
  return (
    <Button
      variant="default"
      leftSection={<IconShieldCheck size={16} />}
      loading={check.isPending}
      onClick={() => check.mutate()}
    >
      Verify integrity
    </Button>
  );
}

export function ChainCheckResult({ report }: { report: ChainReport }) {
  if (report.ok) {
    return (
      <Alert color="teal" icon={<IconShieldCheck size={18} />} title="The audit trail is intact">
        All {formatCount(report.checked)} entries verified against their hashes and links. Last entry #
        {report.head.seq}, hash{' '}
        <Text span ff="monospace" size="xs">
          {report.head.hash.slice(0, 16)}…
        </Text>
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconShieldX size={18} />} title="The audit trail has been tampered with">
      <List size="sm">
        {report.problems.map((problem) => (
          <List.Item key={`${problem.kind}:${problem.seq}:${problem.entryId}`}>
            {problem.seq !== null ? `Entry #${problem.seq}` : `Entry ${problem.entryId ?? ''}`}{' '}
            {PROBLEM_TEXT[problem.kind]}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
