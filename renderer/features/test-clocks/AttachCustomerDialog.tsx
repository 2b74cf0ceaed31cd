import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { readServerProblem } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { CustomerSelect, type CustomerOption } from '../../ui/CustomerSelect';
import type { ClockRef } from './types';
import { useTestClockMutations } from './use-test-clock-mutations';

/** Puts a customer on the clock, before their first subscription (the server says why if too late). */
export function AttachCustomerDialog({ clock, onClose }: { clock: ClockRef; onClose: () => void }) {
  const { attach } = useTestClockMutations();
  const [customer, setCustomer] = useState<CustomerOption | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (!customer) return setError('Choose a customer');
    attach.mutate(
      { id: clock.id, customerId: customer.id },
      {
        onSuccess: () => {
          notifySuccess('Customer attached', `${customer.name} now lives on ${clock.name}’s time.`);
          onClose();
        },
        // "Already on a clock", "has subscriptions": about this customer, so shown under the choice.
        onError: (failure) => setError(readServerProblem(failure).message),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Attach a customer to ${clock.name}`} size="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="md">
          <Text size="sm">
            Everything billing does for this customer then happens on the clock’s simulated time. Attach them
            before their first subscription, so their whole history runs on one timeline.
          </Text>
          <CustomerSelect
            label="Customer"
            value={customer}
            onChange={(next) => {
              setCustomer(next);
              setError(null);
            }}
            error={error}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={attach.isPending}>
              Attach customer
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
