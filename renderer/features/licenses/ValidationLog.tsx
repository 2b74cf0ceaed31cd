import { Badge, Code, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { DateText } from '../../ui/DateText';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { plainTable } from '../../ui/plain-table';
import { Section } from './Section';
import { ValidationRepeats } from './ValidationRepeats';

/**
 * The latest validations (a bounded log): when, the answer's code, how many in a row, who asked
 * and from where.
 */
export function ValidationLog({ licenseId }: { licenseId: string }) {
  const trpc = useTRPC();
  const log = useQuery(trpc.licenses.validations.queryOptions({ id: licenseId }));
  return (
    <Section
      id="license-validations"
      title="Validation log"
      note="The latest validations, newest first; identical ones in a row share a line; older ones are overwritten"
    >
      {!log.data ? (
        <LoadOrProblem error={log.error} what="validation log" />
      ) : log.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not validated yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table {...plainTable} aria-label="Validations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Answer</Table.Th>
                <Table.Th>Times</Table.Th>
                <Table.Th>Machine</Table.Th>
                <Table.Th>User</Table.Th>
                <Table.Th>Client</Table.Th>
                <Table.Th>Address</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.map((v, i) => (
                <Table.Tr key={`${v.validatedAt}-${i}`}>
                  <Table.Td>
                    <DateText ms={v.validatedAt} size="sm" span />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={v.valid ? 'teal' : 'red'} variant="light" size="sm">
                      {v.code}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <ValidationRepeats repeats={v.repeats} firstAt={v.firstValidatedAt} />
                  </Table.Td>
                  <Table.Td>{v.fingerprint ? <Code>{v.fingerprint.slice(0, 16)}</Code> : '—'}</Table.Td>
                  <Table.Td>{v.userRef ?? '—'}</Table.Td>
                  <Table.Td>{v.client === 'license-key' ? 'License key' : v.client}</Table.Td>
                  <Table.Td>{v.address ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
