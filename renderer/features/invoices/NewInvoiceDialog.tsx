import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { firstFieldErrors, readServerProblem } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCommandKey } from '../../lib/offline/command-key';
import { wasQueued } from '../../lib/offline/queued-answers';
import { useTRPC } from '../../lib/trpc';
import { useCan } from '../../shell/session';
import { MoneyText } from '../../ui/MoneyText';
import { CustomerSelect, type CustomerOption } from '../../ui/CustomerSelect';
import { issuedMessage, parseLines, type NewInvoiceValues, type ParsedLine } from './manual-invoice';
import { blankLine, ManualInvoiceLines } from './ManualInvoiceLines';
import { useInvoiceMutations } from './use-invoice-mutations';

/** What staff confirm before the invoice is issued: it cannot be edited afterwards. */
interface Review {
  customer: CustomerOption;
  currency: string;
  lines: ParsedLine[];
  total: number;
}

const FALLBACK_CURRENCY = 'USD';

/** Server field names as the form names them (the form holds the customer, the input its id). */
const formField = (field: string) => (field === 'customerId' ? 'customer' : field);

/**
 * A one-off invoice (a setup fee, a bundle), in the customer's currency. Staff review the
 * total before it is issued; the toast then says what became of it (open, or paid at once
 * by the customer's credit), read from the invoice the server returns.
 */
export function NewInvoiceDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mayCredit = useCan('payments.refund');
  // The dialog stays mounted: the key is renewed when an issue is answered and when the dialog closes.
  const { commandKey, renew } = useCommandKey();
  const { createManual } = useInvoiceMutations(commandKey);
  const [review, setReview] = useState<Review | null>(null);
  const [usual, setUsual] = useState<string | null>(null);
  const catalog = useQuery({ ...trpc.catalog.overview.queryOptions(), enabled: opened });
  const form = useForm<NewInvoiceValues>({
    mode: 'controlled',
    initialValues: { customer: null, currency: FALLBACK_CURRENCY, lines: [blankLine()] },
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!values.customer) errors.customer = 'Choose who the invoice is for';
      const parsed = parseLines(values.lines, values.currency, { mayCredit });
      return parsed.ok ? errors : { ...errors, ...parsed.errors };
    },
  });
  const currencies = [
    ...new Set([
      ...(usual ? [usual] : []),
      form.values.currency,
      ...(catalog.data?.products.flatMap((p) =>
        p.plans.flatMap((pl) => pl.prices.map((pr) => pr.currency)),
      ) ?? []),
    ]),
  ];
  const preview = parseLines(form.values.lines, form.values.currency, { mayCredit });

  const close = () => {
    renew();
    form.reset();
    setReview(null);
    setUsual(null);
    onClose();
  };

  // A customer is billed in one currency: choosing them chooses it, as far as they have one.
  const chooseCustomer = async (customer: CustomerOption | null) => {
    form.setFieldValue('customer', customer);
    setUsual(null);
    if (!customer) return;
    const billing = await queryClient.fetchQuery(
      trpc.billing.customer.queryOptions({ customerId: customer.id }),
    );
    setUsual(billing.usualCurrency);
    if (billing.usualCurrency) form.setFieldValue('currency', billing.usualCurrency);
  };

  const toReview = form.onSubmit((values) => {
    const parsed = parseLines(values.lines, values.currency, { mayCredit });
    if (!values.customer || !parsed.ok) return;
    setReview({
      customer: values.customer,
      currency: values.currency,
      lines: parsed.lines,
      total: parsed.total,
    });
  });

  const issue = async (chosen: Review) => {
    try {
      const invoice = await createManual.mutateAsync({
        customerId: chosen.customer.id,
        currency: chosen.currency,
        lines: chosen.lines,
      });
      close();
      // Queued offline, the answer is the invoice as this desktop shows it until the server
      // numbers it (or nothing but the queued notice, which already said what happened).
      const provisional: Partial<typeof invoice> = invoice;
      if (!wasQueued(invoice)) {
        const said = issuedMessage(invoice);
        notifySuccess(said.title, said.message);
      }
      if (provisional.id) await navigate({ to: '/invoices/$id', params: { id: provisional.id } });
    } catch (error) {
      renew();
      setReview(null);
      const fields = firstFieldErrors(readServerProblem(error).fieldErrors);
      if (Object.keys(fields).length > 0) {
        form.setErrors(Object.fromEntries(Object.entries(fields).map(([f, m]) => [formField(f), m])));
      } else notifyError(error, 'Could not issue the invoice');
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={review ? 'Issue this invoice?' : 'New invoice'} size="xl">
      {review ? (
        <Stack gap="md">
          <Text size="sm">
            {review.customer.name} will be invoiced{' '}
            <MoneyText amount={review.total} currency={review.currency} fw={650} /> for{' '}
            {review.lines.length === 1 ? 'one line' : `${review.lines.length} lines`}. An issued invoice
            cannot be edited: it can only be voided while unpaid.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setReview(null)}>
              Back
            </Button>
            <Button loading={createManual.isPending} onClick={() => void issue(review)}>
              Issue invoice
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={toReview} noValidate>
          <Stack gap="md">
            <Group grow align="flex-start">
              <CustomerSelect
                label="Customer"
                value={form.values.customer}
                onChange={(c) => void chooseCustomer(c)}
                error={form.errors.customer as string | undefined}
              />
              <Select
                label="Currency"
                description={usual ? `This customer is billed in ${usual}` : undefined}
                data={currencies}
                allowDeselect={false}
                {...form.getInputProps('currency')}
              />
            </Group>
            <ManualInvoiceLines form={form} mayCredit={mayCredit} />
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                Total{' '}
                {preview.ok ? (
                  <MoneyText
                    amount={preview.total}
                    currency={form.values.currency}
                    fw={650}
                    c="var(--mantine-color-text)"
                  />
                ) : (
                  '—'
                )}
              </Text>
              <Group gap="sm">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit">Review invoice</Button>
              </Group>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
