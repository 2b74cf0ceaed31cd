import { Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formErrorsOf } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { CustomerSelect, type CustomerOption } from '../../ui/CustomerSelect';
import { FormModal } from '../../ui/FormModal';
import type { LicenseDetail } from './types';
import { SubscriptionSelect } from './SubscriptionSelect';
import { useLicenseMutations } from './use-license-mutations';

interface TransferProps {
  detail: LicenseDetail;
  opened: boolean;
  onClose: () => void;
}

/** Moves the license to another customer of the workspace, with everything recorded on it. */
export function TransferLicenseDialog({ detail, opened, onClose }: TransferProps) {
  const { transfer } = useLicenseMutations();
  const { license: l, customer: from } = detail;
  const [customer, setCustomer] = useState<CustomerOption | null>(null);
  const [subscriptionId, setSubscriptionId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const close = () => {
    setCustomer(null);
    setSubscriptionId(null);
    setErrors({});
    onClose();
  };
  const submit = async () => {
    if (!customer) return setErrors({ customerId: 'Choose the customer who takes the license' });
    try {
      const answer = await transfer.mutateAsync({
        id: l.id,
        expectedVersion: l.version,
        customerId: customer.id,
        subscriptionId,
      });
      notifySuccess('License transferred', `${l.name} now belongs to ${customer.name}.`, answer);
      close();
    } catch (error) {
      setErrors(formErrorsOf(error));
    }
  };

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={`Transfer ${l.name}`}
      size="lg"
      submitLabel="Transfer license"
      submitting={transfer.isPending}
      error={errors._}
      onSubmit={(event) => {
        event?.preventDefault();
        void submit();
      }}
    >
      <Text size="sm">
        Its machines, seats, usage and validation log move with it to the new customer: their account admins
        see them, and {from?.name ?? 'the current customer'}’s no longer do. The key does not change.
      </Text>
      <Stack gap="md">
        <CustomerSelect
          label="New customer"
          value={customer}
          onChange={(c) => {
            setCustomer(c);
            setSubscriptionId(null);
            setErrors({});
          }}
          error={errors.customerId}
        />
        <SubscriptionSelect
          customerId={customer?.id ?? null}
          description={
            l.subscriptionId
              ? 'Its link to the current customer’s subscription is dropped; optionally link one of the new customer’s'
              : 'Optional: ties expiry, renewals and plan changes to it'
          }
          value={subscriptionId}
          onChange={setSubscriptionId}
          error={errors.subscriptionId}
        />
      </Stack>
    </FormModal>
  );
}
