import { Text } from '@mantine/core';
import { useState } from 'react';
import { formErrorsOf } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { FormModal } from '../../ui/FormModal';
import type { LicenseDetail } from './types';
import { SubscriptionSelect } from './SubscriptionSelect';
import { useLicenseMutations } from './use-license-mutations';

interface RelinkProps {
  detail: LicenseDetail;
  opened: boolean;
  onClose: () => void;
}

/**
 * Makes the license follow another subscription of its customer: a customer who subscribed
 * again after theirs ended gets their license back on the new one.
 */
export function RelinkLicenseDialog({ detail, opened, onClose }: RelinkProps) {
  const { relink } = useLicenseMutations();
  const { license: l } = detail;
  const [subscriptionId, setSubscriptionId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const close = () => {
    setSubscriptionId(null);
    setErrors({});
    onClose();
  };
  const submit = async () => {
    if (!subscriptionId) return setErrors({ subscriptionId: 'Choose the subscription the license follows' });
    try {
      const answer = await relink.mutateAsync({ id: l.id, expectedVersion: l.version, subscriptionId });
      notifySuccess('License linked', `${l.name} now follows the chosen subscription.`, answer);
      close();
    } catch (error) {
      setErrors(formErrorsOf(error));
    }
  };

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={`Link ${l.name} to a subscription`}
      submitLabel="Link license"
      submitting={relink.isPending}
      error={errors._}
      onSubmit={(event) => {
        event?.preventDefault();
        void submit();
      }}
    >
      <Text size="sm">
        A license that follows its subscription expires at the new one’s period end and renews with it from
        now on; one of fixed duration keeps its expiry. The key does not change.
      </Text>
      <SubscriptionSelect
        customerId={l.customerId}
        description="One of this customer’s subscriptions, other than the one it follows now"
        value={subscriptionId}
        onChange={setSubscriptionId}
        error={errors.subscriptionId}
      />
    </FormModal>
  );
}
