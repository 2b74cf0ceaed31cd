import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { wasQueued } from '../../lib/offline/queued-answers';
import { notifyError, notifySuccess } from '../../lib/notify';
import { saveBlob } from '../../lib/save-file';
import { useSession } from '../../shell/session';
import { confirmAction } from '../../ui/confirm';
import { RekeyDialog, RevealKeyDialog } from './LicenseKeyDialogs';
import { RelinkLicenseDialog } from './RelinkLicenseDialog';
import { SuspendLicenseDialog } from './SuspendLicenseDialog';
import { TransferLicenseDialog } from './TransferLicenseDialog';
import type { LicenseDetail } from './types';
import { useLicenseMutations } from './use-license-mutations';

type Dialog = 'suspend' | 'transfer' | 'relink' | 'reveal' | 'rekey';

/**
 * Suspend, reinstate, renew, revoke, transfer, link to a subscription, the key (reveal, re-key) and the license file,
 * for those who manage licensing.
 */
export function LicenseActions({ detail }: { detail: LicenseDetail }) {
  const { permissions } = useSession();
  const m = useLicenseMutations();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  if (!permissions.includes('licensing.manage')) return null;
  const { license: l } = detail;
  const byVersion = { id: l.id, expectedVersion: l.version };
  const done = (title: string) => ({
    onSuccess: (answer: unknown) => notifySuccess(title, l.name, answer),
    onError: (error: unknown) => notifyError(error),
  });
  const dialogProps = (name: Dialog) => ({ opened: dialog === name, onClose: () => setDialog(null) });

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
  // A revoked license is final: nothing to act on, and its key opens nothing any more.
  if (l.status === 'REVOKED') return null;

  return (
    <>
      <Button
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
        onClick={download}
        loading={m.downloadFile.isPending}
      >
        License file
      </Button>
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
            <Menu.Item onClick={() => setDialog('suspend')}>Suspend…</Menu.Item>
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
          <Menu.Item onClick={() => setDialog('transfer')}>Transfer…</Menu.Item>
          <Menu.Item onClick={() => setDialog('relink')}>Link to subscription…</Menu.Item>
          <Menu.Divider />
          <Menu.Item onClick={() => setDialog('reveal')}>Reveal key…</Menu.Item>
          <Menu.Item onClick={() => setDialog('rekey')}>New key (leaked)…</Menu.Item>
          <Menu.Divider />
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
      <SuspendLicenseDialog license={l} {...dialogProps('suspend')} />
      <TransferLicenseDialog detail={detail} {...dialogProps('transfer')} />
      <RelinkLicenseDialog detail={detail} {...dialogProps('relink')} />
      <RevealKeyDialog license={l} {...dialogProps('reveal')} />
      <RekeyDialog license={l} {...dialogProps('rekey')} />
    </>
  );
}
