import { Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  REFUND_REASON_LABELS,
  REFUND_REASON_VALUES,
  type RefundReasonValue,
} from '../../../shared/billing/refund-reasons';
import { formatMoney, money } from '../../../shared/money';
import { firstFieldErrors, readServerProblem } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCommandKey } from '../../lib/offline/command-key';
import { MoneyText } from '../../ui/MoneyText';

import { decimalAmount } from '../../lib/amount';
import { parseRefundAmount } from './refund-amount';
import type { InvoicePayment } from './types';
import { useInvoiceMutations } from './use-invoice-mutations';

interface RefundValues {
  amount: string;
  reason: RefundReasonValue | '';
}

interface RefundDialogProps {
  payment: InvoicePayment;
  invoiceNumber: string;
  onClose: () => void;
  /** Refunds of this payment made here and not yet sent: what is left already counts them. */
  waitingRefunds?: number;
}

/** Refunds all or part of a payment; the amount starts at what is still refundable. */
export function RefundDialog({ payment, invoiceNumber, onClose, waitingRefunds = 0 }: RefundDialogProps) {
  // Made when the dialog opens: a double click on Refund (or a second try while the first waits) refunds once.
  const { commandKey, renew } = useCommandKey();
  const { refund } = useInvoiceMutations(commandKey);
  const { currency, refundable } = payment;
  const form = useForm<RefundValues>({
    mode: 'controlled',
    initialValues: { amount: decimalAmount(refundable, currency), reason: '' },
    validate: {
      amount: (text) => {
        const parsed = parseRefundAmount(text, currency, refundable);
        return parsed.ok ? null : parsed.error;
      },
      reason: (reason) => (reason ? null : 'Choose why the money goes back'),
    },
  });

  const typed = parseRefundAmount(form.values.amount, currency, refundable);
  const submit = form.onSubmit(async (values) => {
    const parsed = parseRefundAmount(values.amount, currency, refundable);
    if (!parsed.ok || !values.reason) return;
    try {
      const result = await refund.mutateAsync({
        paymentId: payment.id,
        amount: parsed.amount,
        reason: values.reason,
      });
      const what = formatMoney(money(parsed.amount, currency));
      const to = payment.method ?? 'the customer';
      if (result.status === 'pending')
        notifySuccess('Refund requested', `${what} to ${to}; the gateway is processing it.`, result);
      else notifySuccess('Refund issued', `${what} back to ${to}.`, result);
      onClose();
    } catch (error) {
      renew();
      // The server's own limit (someone refunded meanwhile) lands on the amount field.
      const fields = firstFieldErrors(readServerProblem(error).fieldErrors);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else notifyError(error, 'Could not refund');
    }
  });

  return (
    <Modal opened onClose={onClose} title={`Refund a payment on ${invoiceNumber}`} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            Paid <MoneyText amount={payment.amount} currency={currency} fw={600} />
            {payment.method ? ` with ${payment.method}` : ''}; up to{' '}
            <MoneyText amount={refundable} currency={currency} fw={600} /> can still be refunded
            {waitingRefunds > 0
              ? `, counting ${waitingRefunds === 1 ? 'a refund' : `${waitingRefunds} refunds`} waiting to sync.`
              : '.'}
          </Text>
          <TextInput
            label="Amount"
            description={`In ${currency}, e.g. ${decimalAmount(Math.min(refundable, 200), currency)}`}
            inputMode="decimal"
            autoComplete="off"
            rightSection={
              <Text size="xs" c="dimmed">
                {currency}
              </Text>
            }
            rightSectionWidth={48}
            data-autofocus
            {...form.getInputProps('amount')}
          />
          <Radio.Group label="Reason" withAsterisk {...form.getInputProps('reason')}>
            <Stack gap="xs" mt={6}>
              {REFUND_REASON_VALUES.map((reason) => (
                <Radio key={reason} value={reason} label={REFUND_REASON_LABELS[reason]} />
              ))}
            </Stack>
          </Radio.Group>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={refund.isPending}>
              {typed.ok ? `Refund ${formatMoney(money(typed.amount, currency))}` : 'Refund'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
