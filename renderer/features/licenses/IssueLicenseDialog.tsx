import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { licenseIssueInput } from '../../../shared/licensing/schema';
import { formErrorsOf } from '../../lib/errors';
import { wasQueued } from '../../lib/offline/queued-answers';
import { notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useSession } from '../../shell/session';
import { CustomerSelect, type CustomerOption } from '../../ui/CustomerSelect';
import { FormDialog, ModalForm } from '../../ui/FormModal';
import { SecretOnce } from '../../ui/SecretOnce';
import { SubscriptionSelect } from './SubscriptionSelect';
import { useLicenseMutations } from './use-license-mutations';

interface Issued {
  id: string;
  key: string;
}

/** Issue a license: customer, policy, optional subscription and a name; the key is shown once. */
function IssueForm({
  onIssued,
  onCancel,
}: {
  onIssued: (issued: Issued | null) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const { issue } = useLicenseMutations();
  const [customer, setCustomer] = useState<CustomerOption | null>(null);
  const [policyId, setPolicyId] = useState<string | null>(null);
  const [subscriptionId, setSubscriptionId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const policies = useQuery(trpc.licensePolicies.list.queryOptions({ includeArchived: false }));

  const submit = async (event?: React.FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const parsed = licenseIssueInput.safeParse({
      customerId: customer?.id ?? '',
      policyId: policyId ?? '',
      subscriptionId,
      name,
    });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message;
      return setErrors(found);
    }
    try {
      const answer = await issue.mutateAsync(parsed.data);
      if (wasQueued(answer)) return onIssued(null);
      notifySuccess('License issued', parsed.data.name, answer);
      onIssued({ id: answer.license.id, key: answer.key });
    } catch (error) {
      setErrors(formErrorsOf(error));
    }
  };

  return (
    <ModalForm
      onSubmit={(e) => void submit(e)}
      onCancel={onCancel}
      submitLabel="Issue license"
      submitting={issue.isPending}
      error={errors._}
    >
      <Stack gap="md">
        <CustomerSelect
          label="Customer"
          value={customer}
          onChange={(c) => {
            setCustomer(c);
            setSubscriptionId(null);
          }}
          error={errors.customerId}
        />
        <Select
          label="Policy"
          withAsterisk
          data={(policies.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={policyId}
          onChange={setPolicyId}
          error={errors.policyId}
          nothingFoundMessage={policies.isPending ? 'Loading policies…' : 'No policy: create one first'}
        />
        <SubscriptionSelect
          customerId={customer?.id ?? null}
          description="Optional: ties expiry, renewals and plan changes to it"
          value={subscriptionId}
          onChange={setSubscriptionId}
          error={errors.subscriptionId}
        />
        <TextInput
          label="Name"
          withAsterisk
          placeholder="Campus license 2027"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
      </Stack>
    </ModalForm>
  );
}

/** The "Issue license" button and its dialog, for those who manage licensing. */
export function IssueLicenseButton() {
  const { permissions } = useSession();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  if (!permissions.includes('licensing.manage')) return null;
  const close = () => {
    setOpened(false);
    setIssued(null);
  };
  return (
    <>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpened(true)}>
        Issue license
      </Button>
      <FormDialog
        opened={opened}
        onClose={close}
        title={issued ? 'License issued' : 'Issue a license'}
        size="lg"
      >
        {issued ? (
          <Stack gap="md">
            <SecretOnce
              label="License key"
              value={issued.key}
              note="Give this key to the customer: their app validates and activates with it. Tollgate keeps it sealed and shows only its last characters."
            />
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => {
                  const id = issued.id;
                  close();
                  void navigate({ to: '/licenses/$id', params: { id } });
                }}
              >
                Open the license
              </Button>
            </Group>
          </Stack>
        ) : (
          opened && <IssueForm onIssued={(i) => (i ? setIssued(i) : close())} onCancel={close} />
        )}
      </FormDialog>
    </>
  );
}
