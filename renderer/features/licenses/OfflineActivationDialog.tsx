import { Checkbox, FileInput, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { readActivationRequest } from '../../../shared/licensing/activation';
import { firstFieldErrors, readServerProblem } from '../../lib/errors';
import { wasQueued } from '../../lib/offline/queued-answers';
import { notifySuccess } from '../../lib/notify';
import { saveBlob } from '../../lib/save-file';
import { FormModal } from '../../ui/FormModal';
import type { LicenseDetail } from './types';
import { useLicenseMutations } from './use-license-mutations';

interface OfflineActivationProps {
  license: LicenseDetail['license'];
  opened: boolean;
  onClose: () => void;
}

/**
 * Offline activation for a machine that never goes online (docs/licensing.md): staff upload the
 * request file its app wrote; the machine is activated and its machine file downloads, to be
 * carried back. A file that is not a request, or names another license, is refused here
 * with what is wrong; the server checks the rest (the proof, the policy's machine limit).
 */
export function OfflineActivationDialog({ license, opened, onClose }: OfflineActivationProps) {
  const { activateOffline } = useLicenseMutations();
  const [file, setFile] = useState<File | null>(null);
  const [encrypt, setEncrypt] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setFile(null);
    setEncrypt(false);
    setFileError(null);
    setError(null);
    onClose();
  };
  const submit = async () => {
    setError(null);
    if (!file) return setFileError('Choose the request file the app wrote');
    const request = await file.text();
    const read = readActivationRequest(request);
    if (read.ok && read.request.licenseId !== license.id) {
      return setFileError(
        `This request is for another license (${read.request.licenseId}): open that license to activate it.`,
      );
    }
    try {
      const answer = await activateOffline.mutateAsync({ request, encrypt });
      if (wasQueued(answer)) return close();
      saveBlob(new Blob([answer.text], { type: 'text/plain' }), answer.fileName);
      notifySuccess(
        'Machine activated',
        `${answer.machine.name ?? answer.machine.fingerprint}: ${answer.fileName} was downloaded; copy it to the machine.`,
      );
      close();
    } catch (problem) {
      // The server names what is wrong with the file (unreadable, not written with this key…).
      const { message, fieldErrors } = readServerProblem(problem);
      if (firstFieldErrors(fieldErrors).request) setFileError(message);
      else setError(message);
    }
  };
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title="Activate a machine offline"
      submitLabel="Activate and download"
      submitting={activateOffline.isPending}
      error={error}
      onSubmit={(event) => {
        event?.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <Text size="sm">
          For a machine that never goes online: upload the request file its app wrote. The machine is
          activated on {license.name} and its machine file downloads; copy that file back to the machine.
        </Text>
        <FileInput
          label="Request file"
          placeholder="Choose the request file"
          leftSection={<IconUpload size={16} aria-hidden />}
          value={file}
          error={fileError}
          onChange={(f) => {
            setFile(f);
            setFileError(null);
            setError(null);
          }}
          clearable
        />
        <Checkbox
          label="Encrypt the machine file (it then opens only with the license key, on that machine)"
          checked={encrypt}
          onChange={(e) => setEncrypt(e.currentTarget.checked)}
        />
      </Stack>
    </FormModal>
  );
}
