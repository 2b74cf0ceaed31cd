import { Anchor, Paper, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { formatBytes, formatDateTime } from '../../lib/format';
import { type Field, FieldList } from '../../ui/FieldList';
import { TEMPLATE_LABELS } from './labels';
import type { EmailDetail } from './types';

const when = (label: string, ms: number | null): Field[] =>
  ms === null ? [] : [{ label, value: formatDateTime(ms) }];

const mono = (text: string) => (
  <Text span size="xs" ff="monospace" c="dimmed">
    {text}
  </Text>
);

/** Whom the email is for and from, and how its delivery went. */
export function EmailFacts({ email }: { email: EmailDetail }) {
  const fields: Field[] = [
    {
      label: 'To',
      value: (
        <>
          {email.customerId && email.customerName ? (
            <Anchor
              size="sm"
              renderRoot={(props) => (
                <Link to="/customers/$id" params={{ id: email.customerId ?? '' }} {...props} />
              )}
            >
              {email.customerName}
            </Anchor>
          ) : null}
          <Text size="xs" c="dimmed">
            {email.recipient}
          </Text>
        </>
      ),
    },
    {
      label: 'From',
      value: (
        <>
          {email.fromName}
          <Text size="xs" c="dimmed">
            {email.fromAddress ?? 'the server’s own address'}
          </Text>
        </>
      ),
    },
    ...(email.replyTo ? [{ label: 'Reply to', value: email.replyTo }] : []),
    { label: 'Email', value: TEMPLATE_LABELS[email.template] },
    ...when('Queued', email.createdAt),
    ...when('Sent', email.sentAt),
    { label: 'Attempts', value: String(email.attempts) },
    ...(email.status === 'pending' ? when('Next attempt', email.nextAttemptAt) : []),
    ...(email.lastError && email.status !== 'sent'
      ? [
          {
            label: email.status === 'held' ? 'Why not sent' : 'Last error',
            value: (
              <Text size="sm" c={email.status === 'held' ? undefined : 'red'}>
                {email.lastError}
              </Text>
            ),
          },
        ]
      : []),
    ...(email.attachments.length > 0
      ? [
          {
            label: 'Attached',
            value: (
              <>
                {email.attachments.map((a) => (
                  <Text key={a.filename} size="sm">
                    {a.filename}{' '}
                    <Text span size="xs" c="dimmed">
                      {formatBytes(a.sizeBytes)}
                    </Text>
                  </Text>
                ))}
              </>
            ),
          },
        ]
      : []),
    { label: 'Message-ID', value: mono(email.messageId) },
    { label: 'Event', value: mono(email.sourceEventId) },
    { label: 'ID', value: mono(email.id) },
  ];
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="email-facts-title">
      <Title order={4} id="email-facts-title" mb="md">
        Delivery
      </Title>
      <FieldList fields={fields} />
    </Paper>
  );
}
