import { Button, Menu, Textarea } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { wasQueued } from '../../lib/offline/queued-answers';
import { notifyError, notifySuccess } from '../../lib/notify';
import { saveBlob } from '../../lib/save-file';
import { useSession } from '../../shell/session';
import { confirmAction } from '../../ui/confirm';
import { FormModal } from '../../ui/FormModal';
import type { LicenseDetail } from './types';
import { useLicenseMutations } from './use-license-mutations';

/** Suspend, reinstate, renew, revoke and the license file, for those who manage licensing. */
export function LicenseActions({ detail }: { detail: LicenseDetail }) {
  const { permissions } = useSession();
  const m = useLicenseMutations();
  const [suspending, setSuspending] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  if (!permissions.includes('licensing.manage')) return null;
  const { license: l } = detail;
  const byVersion = { id: l.id, expectedVersion: l.version };
  const done = (title: string) => ({
    onSuccess: (answer: unknown) => notifySuccess(title, l.name, answer),
    onError: (error: unknown) => notifyError(error),
  });

  const download = () =>
    m.downloadFile.mutate(
      { id: l.id, encrypt: false },
      {
        onSuccess: (file) => {
          if (wasQueued(file)) return;
          saveBlob(new Blob([file.text], { type: 'text/plain' }), file.fileName);
        },
        onError: (error) => notifyError(error, 'Could not make the license file'),
      },
    );
  const suspend = () => {
    if (!reason.trim()) return setReasonError('Say why, so the customer’s admins and your team know');
    m.suspend.mutate(
      { ...byVersion, reason: reason.trim() },
      {
        ...done('License suspended'),
        onSettled: () => setSuspending(false),
      },
    );
  };

  return (
    <>
      {l.status !== 'REVOKED' && (
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          onClick={download}
          loading={m.downloadFile.isPending}
        >
          License file
        </Button>
      )}
      {l.status !== 'REVOKED' && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button rightSection={<IconChevronDown size={16} aria-hidden />}>Actions</Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              onClick={() =>
                confirmAction({
                  title: `Renew ${l.name}?`,
                  body: 'Its expiry moves on by the policy’s duration from today (or to the subscription’s period end).',
                  confirmLabel: 'Renew license',
                  onConfirm: () => m.renew.mutate(byVersion, done('License renewed')),
                })
              }
            >
              Renew
            </Menu.Item>
            {l.status === 'ACTIVE' ? (
              <Menu.Item onClick={() => setSuspending(true)}>Suspend…</Menu.Item>
            ) : (
              <Menu.Item
                onClick={() =>
                  confirmAction({
                    title: `Reinstate ${l.name}?`,
                    body: 'Validations answer as before the suspension from now on.',
                    confirmLabel: 'Reinstate license',
                    onConfirm: () => m.reinstate.mutate(byVersion, done('License reinstated')),
                  })
                }
              >
                Reinstate
              </Menu.Item>
            )}
            <Menu.Item
              color="red"
              onClick={() =>
                confirmAction({
                  title: `Revoke ${l.name}?`,
                  body: 'Every validation answers NOT_FOUND from now on, and this cannot be undone: a new license would have a new key.',
                  confirmLabel: 'Revoke license',
                  destructive: true,
                  onConfirm: () => m.revoke.mutate(byVersion, done('License revoked')),
                })
              }
            >
              Revoke
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      <FormModal
        opened={suspending}
        onClose={() => setSuspending(false)}
        title={`Suspend ${l.name}?`}
        submitLabel="Suspend license"
        submitting={m.suspend.isPending}
        onSubmit={(event) => {
          event?.preventDefault();
          suspend();
        }}
      >
        <Textarea
          label="Reason"
          description="Validations answer SUSPENDED until it is reinstated."
          withAsterisk
          data-autofocus
          value={reason}
          error={reasonError}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setReasonError(null);
          }}
        />
      </FormModal>
    </>
  );
}
