import { ActionIcon, Menu } from '@mantine/core';
import {
  IconBan,
  IconCash,
  IconDots,
  IconFileAlert,
  IconPlayerPause,
  IconPlayerPlay,
  IconRefresh,
} from '@tabler/icons-react';
import type { MouseEvent } from 'react';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { confirmAction } from '../../ui/confirm';
import { useCan } from '../../shell/session';
import { moneyText } from './recovery-text';
import type { RecoveryRow, RetryResult } from './types';
import { useRecoveryMutations } from './use-recovery';

const ICON = { size: 16, stroke: 1.75 } as const;

/** What "Retry now" came to, in words staff can act on. */
function retryOutcome(result: RetryResult) {
  if (result.outcome === 'paid') return { ok: true, message: 'The invoice is paid and its recovery closed.' };
  const next = result.recovery?.nextAttemptAt;
  const then = next ? ` Next retry ${formatDateTime(next)}.` : '';
  return { ok: false, message: `${result.failureMessage ?? 'The payment was declined.'}${then}` };
}

/** A row's commands: retry now, pause or resume the customer, paid out of band, void, uncollectible. */
export function RecoveryActions({ row }: { row: RecoveryRow }) {
  const canManage = useCan('recovery.manage');
  const canWrite = useCan('billing.write');
  const m = useRecoveryMutations();
  if (!canManage && !canWrite) return null;
  const number = row.invoiceNumber ?? 'this invoice';
  const due = moneyText(row.failedAmount, row.currency);
  const open = row.invoiceStatus === 'open';
  const busy = Object.values(m).some((mutation) => mutation.isPending);

  const retry = () =>
    confirmAction({
      title: `Retry ${number} now?`,
      body: `The customer’s card is charged ${due} now. It counts as an attempt.`,
      confirmLabel: 'Retry now',
      onConfirm: () =>
        m.retryNow.mutate(
          { invoiceId: row.invoiceId },
          {
            onSuccess: (result) => {
              const said = retryOutcome(result);
              if (said.ok) notifySuccess('Recovered', said.message);
              else notifySuccess('Declined again', said.message);
            },
            onError: (error) => notifyError(error, 'Could not retry'),
          },
        ),
    });
  const pauseOrResume = () => {
    const paused = row.status === 'paused';
    const name = row.customerName;
    confirmAction({
      title: paused ? `Resume recovery for ${name}?` : `Pause recovery for ${name}?`,
      body: paused
        ? 'Retries pick up again on the policy’s schedule, counted from now.'
        : 'No retries and no final action for any of their invoices until you resume. Access still ends with the grace period.',
      confirmLabel: paused ? 'Resume' : 'Pause',
      onConfirm: () =>
        (paused ? m.resume : m.pause).mutate(
          { customerId: row.customerId },
          {
            onSuccess: () => notifySuccess(paused ? 'Recovery resumed' : 'Recovery paused', name),
            onError: (error) => notifyError(error),
          },
        ),
    });
  };
  const markPaid = () =>
    confirmAction({
      title: `Mark ${number} paid out of band?`,
      body: `Record that ${due} arrived some other way (a transfer, a cheque). Nothing is charged; the subscription recovers.`,
      confirmLabel: 'Mark paid',
      onConfirm: () =>
        m.markPaid.mutate(
          { invoiceId: row.invoiceId },
          {
            onSuccess: () => notifySuccess('Marked paid', `${number} is paid.`),
            onError: (error) => notifyError(error, 'Could not mark paid'),
          },
        ),
    });
  const voidIt = () =>
    confirmAction({
      title: `Void ${number}?`,
      body: 'It is never collected and its retries stop. Use it for an invoice issued by mistake.',
      confirmLabel: 'Void invoice',
      destructive: true,
      onConfirm: () =>
        m.voidInvoice.mutate(
          { id: row.invoiceId },
          {
            onSuccess: () => notifySuccess('Invoice voided', `${number} will not be collected.`),
            onError: (error) => notifyError(error, 'Could not void'),
          },
        ),
    });
  const giveUp = () =>
    confirmAction({
      title: `Mark ${number} uncollectible?`,
      body: `Retries stop and the ${due} is written off. It can still be marked paid later.`,
      confirmLabel: 'Mark uncollectible',
      destructive: true,
      onConfirm: () =>
        m.markUncollectible.mutate(
          { id: row.invoiceId },
          {
            onSuccess: () => notifySuccess('Marked uncollectible', `${number} is written off.`),
            onError: (error) => notifyError(error, 'Could not mark uncollectible'),
          },
        ),
    });

  const stop = (event: MouseEvent) => event.stopPropagation();
  return (
    // Clicks inside the menu (even in its portal) must not open the row.
    <div onClick={stop} role="presentation">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${number}`} loading={busy}>
            <IconDots {...ICON} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {canManage && open && (
            <Menu.Item leftSection={<IconRefresh {...ICON} />} onClick={retry}>
              Retry now
            </Menu.Item>
          )}
          {canManage && (
            <Menu.Item
              leftSection={
                row.status === 'paused' ? <IconPlayerPlay {...ICON} /> : <IconPlayerPause {...ICON} />
              }
              onClick={pauseOrResume}
            >
              {row.status === 'paused' ? 'Resume for customer' : 'Pause for customer'}
            </Menu.Item>
          )}
          {canManage && (
            <Menu.Item leftSection={<IconCash {...ICON} />} onClick={markPaid}>
              Mark paid out of band
            </Menu.Item>
          )}
          {canWrite && open && (
            <Menu.Item leftSection={<IconBan {...ICON} />} onClick={voidIt}>
              Void invoice
            </Menu.Item>
          )}
          {canWrite && open && (
            <Menu.Item color="red" leftSection={<IconFileAlert {...ICON} />} onClick={giveUp}>
              Mark uncollectible
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}
