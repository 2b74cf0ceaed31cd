import { Button, Select, Stack, Text } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconMail, IconPalette, IconSettings } from '@tabler/icons-react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import {
  EMAIL_STATUSES,
  EMAIL_TEMPLATES,
  type EmailStatus,
  type EmailTemplate,
} from '../../../shared/emails/schema';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCan } from '../../shell/session';
import { DataTable, type DataSource } from '../../ui/data-table';
import { PageHeader } from '../../ui/PageHeader';
import { ExportMenu } from '../exports';
import { emailColumns } from './columns';
import { EmailsHeldBanner } from './EmailsHeldBanner';
import { STATUS_LOOK, TEMPLATE_LABELS } from './labels';
import { emailListFilters, type EmailsSearch } from './list-search';
import { SenderSettingsModal } from './SenderSettingsModal';
import type { EmailRow } from './types';

const NOUN = { one: 'email', other: 'emails' };
const NEWEST_FIRST = { field: 'createdAt', direction: 'desc' } as const;
const STATUS_OPTIONS = EMAIL_STATUSES.map((s) => ({ value: s, label: STATUS_LOOK[s].label }));
const TEMPLATE_OPTIONS = EMAIL_TEMPLATES.map((t) => ({ value: t, label: TEMPLATE_LABELS[t] }));

/** The email outbox: every notification written for a customer, and how its delivery went. */
export function EmailsListPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate({ from: '/emails' });
  const search = useSearch({ from: '/emails' });
  const [settingsOpen, settings] = useDisclosure(false);
  const canBrand = useCan('branding.write');
  useDocumentTitle('Emails · Tollgate');

  const setView = (patch: Partial<EmailsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const { status, template } = emailListFilters(search);
  const source = useMemo<DataSource<EmailRow>>(() => {
    const view = { status, template };
    return {
      queryKey: trpc.emails.list.infiniteQueryKey(view),
      fetchPage: (cursor, limit) => client.emails.list.query({ ...view, cursor, limit }),
    };
  }, [status, template, trpc, client]);

  const filtered = status !== null || template !== null;
  return (
    <Stack gap="md" h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--mantine-spacing-lg))">
      <PageHeader
        title="Emails"
        description="Receipts, trial and payment notices sent to customers, with how each delivery went."
        actions={
          <>
            {canBrand && (
              <Button
                variant="default"
                leftSection={<IconSettings size={16} stroke={1.75} />}
                onClick={settings.open}
              >
                Sender settings
              </Button>
            )}
            <Button
              component={Link}
              to="/branding"
              variant="default"
              leftSection={<IconPalette size={16} stroke={1.75} />}
            >
              Branding
            </Button>
          </>
        }
      />
      <EmailsHeldBanner />
      <DataTable
        exportMenu={(columns) => <ExportMenu source="emails" view={{ status, template }} columns={columns} />}
        tableId="emails"
        label="Emails"
        columns={emailColumns}
        source={source}
        getRowId={(e) => e.id}
        sort={NEWEST_FIRST}
        onSortChange={() => undefined}
        onOpenRow={(e) => void navigate({ to: '/emails/$id', params: { id: e.id } })}
        noun={NOUN}
        filters={
          <>
            <Select
              aria-label="Status"
              placeholder="Any status"
              data={STATUS_OPTIONS}
              value={status}
              onChange={(value) => setView({ status: (value as EmailStatus | null) ?? undefined })}
              clearable
              w={160}
            />
            <Select
              aria-label="Email"
              placeholder="Any email"
              data={TEMPLATE_OPTIONS}
              value={template}
              onChange={(value) => setView({ template: (value as EmailTemplate | null) ?? undefined })}
              clearable
              w={210}
            />
          </>
        }
        empty={
          <>
            <IconMail size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text fw={600}>{filtered ? 'No emails match' : 'No emails yet'}</Text>
            <Text size="sm" c="dimmed">
              {filtered
                ? 'Try another status or email.'
                : 'Receipts and payment notices appear here as billing happens.'}
            </Text>
          </>
        }
      />
      <SenderSettingsModal opened={settingsOpen} onClose={settings.close} />
    </Stack>
  );
}
