import { Textarea } from '@mantine/core';
import { useState } from 'react';
import { notifyError, notifySuccess } from '../../lib/notify';
import { FormModal } from '../../ui/FormModal';
import type { LicenseDetail } from './types';
import { useLicenseMutations } from './use-license-mutations';

interface SuspendProps {
  license: LicenseDetail['license'];
  opened: boolean;
  onClose: () => void;
}

/** Suspends the license with a reason, which the customer's admins and the team see. */
export function SuspendLicenseDialog({ license: l, opened, onClose }: SuspendProps) {
  const { suspend } = useLicenseMutations();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const submit = () => {
    if (!reason.trim()) return setReasonError('Say why, so the customer’s admins and your team know');
    suspend.mutate(
      { id: l.id, expectedVersion: l.version, reason: reason.trim() },
      {
        onSuccess: (answer) => notifySuccess('License suspended', l.name, answer),
        onError: (error) => notifyError(error),
        onSettled: onClose,
      },
    );
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`Suspend ${l.name}?`}
      submitLabel="Suspend license"
      submitting={suspend.isPending}
      onSubmit={(event) => {
        event?.preventDefault();
        submit();
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
  );
}
