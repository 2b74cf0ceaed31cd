import { wasQueued } from '../../lib/offline/queued-answers';
import { notifySuccess } from '../../lib/notify';
import { KeyOnceDialog } from './KeyOnceDialog';
import type { LicenseDetail } from './types';
import { useLicenseMutations } from './use-license-mutations';

type License = LicenseDetail['license'];

interface KeyDialogProps {
  license: License;
  opened: boolean;
  onClose: () => void;
}

/** Shows the license's key again, once; the reveal (never the key) is in the audit log. */
export function RevealKeyDialog({ license, opened, onClose }: KeyDialogProps) {
  const { revealKey } = useLicenseMutations();
  return (
    <KeyOnceDialog
      opened={opened}
      onClose={() => {
        revealKey.reset();
        onClose();
      }}
      title={`Reveal the key of ${license.name}?`}
      ask="The key is shown here once. Revealing it is recorded in the audit log, with your name."
      askLabel="Reveal key"
      pending={revealKey.isPending}
      run={async () => {
        const answer = await revealKey.mutateAsync({ id: license.id });
        return wasQueued(answer) ? null : answer.key;
      }}
      keyNote="This reveal is recorded in the audit log. Give the key only to the customer’s people who install the app."
    />
  );
}

/** Replaces a leaked key: the old one stops working at once; the new one is shown once. */
export function RekeyDialog({ license, opened, onClose }: KeyDialogProps) {
  const { rekey } = useLicenseMutations();
  return (
    <KeyOnceDialog
      opened={opened}
      onClose={() => {
        rekey.reset();
        onClose();
      }}
      title={`Give ${license.name} a new key?`}
      ask={`For a key that leaked: the key ending ${license.keyHint} stops working at once (validations answer NOT_FOUND), and every app of the customer needs the new one. Machines, seats, usage and the validation log stay. Files encrypted with the old key must be downloaded again.`}
      askLabel="Make a new key"
      destructive
      pending={rekey.isPending}
      run={async () => {
        const answer = await rekey.mutateAsync({ id: license.id, expectedVersion: license.version });
        if (wasQueued(answer)) return null;
        notifySuccess('License re-keyed', `${license.name} has a new key; the old one no longer works.`);
        return answer.key;
      }}
      keyNote="Give this key to the customer: their apps validate and activate with it. Tollgate keeps it sealed and shows only its last characters."
    />
  );
}
