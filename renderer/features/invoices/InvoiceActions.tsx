import { ActionIcon, Button, Menu } from '@mantine/core';
import { IconBan, IconCreditCardPay, IconDots, IconFileAlert } from '@tabler/icons-react';
import { formatMoney, money } from '../../../shared/money';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCommandKey } from '../../lib/offline/command-key';
import { confirmAction } from '../../ui/confirm';
import { useCan } from '../../shell/session';
import { amountStillDue } from './amounts';
import type { Invoice } from './types';
import { useInvoiceMutations } from './use-invoice-mutations';

const ICON = { size: 16, stroke: 1.75 } as const;

/**
 * What staff can do to an open invoice: collect it now, void it, or give up on it. While a
 * charge made here waits for the server (`chargeWaiting`), Pay now is not offered again.
 */
export function InvoiceActions({
  invoice,
  chargeWaiting = false,
}: {
  invoice: Invoice;
  chargeWaiting?: boolean;
}) {
  const canWrite = useCan('billing.write');
  // One key for the invoice's actions, renewed once each is answered: a double "Charge now" charges once.
  const { commandKey, renew } = useCommandKey();
  const { pay, voidInvoice, markUncollectible } = useInvoiceMutations(commandKey);
  if (!canWrite || invoice.status !== 'open') return null;
  const number = invoice.number ?? 'this invoice';
  const due = formatMoney(money(amountStillDue(invoice), invoice.currency));

  const payNow = () =>
    confirmAction({
      title: `Charge ${due} now?`,
      body: `The customer’s payment method is charged for ${number}.`,
      confirmLabel: 'Charge now',
      cancelLabel: 'Keep it open',
      onConfirm: () =>
        pay.mutate(
          { id: invoice.id },
          {
            onSuccess: (answer) => notifySuccess('Invoice paid', `${number} is paid.`, answer),
            // A decline carries the gateway's own words ("Your card was declined.").
            onError: (error) => notifyError(error, 'Payment failed'),
            onSettled: renew,
          },
        ),
    });

  const voidIt = () =>
    confirmAction({
      title: `Void ${number}?`,
      body: 'A voided invoice is never collected and cannot be reopened. Use it for an invoice issued by mistake.',
      confirmLabel: 'Void invoice',
      cancelLabel: 'Keep it open',
      destructive: true,
      onConfirm: () =>
        voidInvoice.mutate(
          { id: invoice.id },
          {
            onSuccess: (answer) =>
              notifySuccess('Invoice voided', `${number} will not be collected.`, answer),
            onError: (error) => notifyError(error, 'Could not void'),
            onSettled: renew,
          },
        ),
    });

  const giveUp = () =>
    confirmAction({
      title: `Mark ${number} uncollectible?`,
      body: `Retries stop and the ${due} still due is written off as a loss. This cannot be undone.`,
      confirmLabel: 'Mark uncollectible',
      cancelLabel: 'Keep it open',
      destructive: true,
      onConfirm: () =>
        markUncollectible.mutate(
          { id: invoice.id },
          {
            onSuccess: (answer) => notifySuccess('Marked uncollectible', `${number} is written off.`, answer),
            onError: (error) => notifyError(error, 'Could not mark uncollectible'),
            onSettled: renew,
          },
        ),
    });

  return (
    <>
      <Button
        leftSection={<IconCreditCardPay {...ICON} />}
        onClick={payNow}
        loading={pay.isPending}
        disabled={chargeWaiting}
        title={chargeWaiting ? 'A charge made here is waiting to sync' : undefined}
      >
        Pay now
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="default"
            size={36}
            aria-label="More invoice actions"
            loading={voidInvoice.isPending || markUncollectible.isPending}
          >
            <IconDots {...ICON} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {invoice.amountPaid === 0 && (
            <Menu.Item leftSection={<IconBan {...ICON} />} onClick={voidIt}>
              Void invoice
            </Menu.Item>
          )}
          <Menu.Item color="red" leftSection={<IconFileAlert {...ICON} />} onClick={giveUp}>
            Mark uncollectible
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
