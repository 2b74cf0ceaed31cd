import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { wasQueued } from '../../lib/offline/queued-answers';
import { notifyError } from '../../lib/notify';
import { saveBlob } from '../../lib/save-file';
import { useLicenseMutations } from './use-license-mutations';

/**
 * Downloads a machine's signed file, plain or encrypted (it then opens only with the license
 * key, on that machine); each download is audited.
 */
export function MachineFileButton({ machineId, machineName }: { machineId: string; machineName: string }) {
  const { machineFile } = useLicenseMutations();
  const download = (encrypt: boolean) =>
    machineFile.mutate(
      { machineId, encrypt },
      {
        onSuccess: (file) => {
          if (wasQueued(file)) return;
          saveBlob(new Blob([file.text], { type: 'text/plain' }), file.fileName);
        },
        onError: (error) => notifyError(error, 'Could not make the machine file'),
      },
    );
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="compact-sm"
          variant="default"
          leftSection={<IconDownload size={14} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          loading={machineFile.isPending}
          aria-label={`Machine file of ${machineName}`}
        >
          Machine file
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => download(false)}>Download</Menu.Item>
        <Menu.Item onClick={() => download(true)}>Download encrypted (opens only on this machine)</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
