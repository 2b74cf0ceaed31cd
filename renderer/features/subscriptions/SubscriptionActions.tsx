import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowBackUp,
  IconArrowsExchange,
  IconPlayerPause,
  IconPlayerPlay,
  IconX,
} from '@tabler/icons-react';
import { notifyError, notifySuccess } from '../../lib/notify';
import { confirmAction } from '../../ui/confirm';
import { useCan } from '../../shell/session';
import { CancelDialog } from './CancelDialog';
import { ChangePlanDialog } from './ChangePlanDialog';
import { PauseDialog } from './PauseDialog';
import type { SubscriptionDetail } from './types';
import { useSubscriptionMutations } from './use-subscription-mutations';

const ICON = { size: 16, stroke: 1.75 } as const;

/** Exactly the commands the server allows now (`actions`), for staff who may write billing. */
export function SubscriptionActions({
  detail,
  onReload,
}: {
  detail: SubscriptionDetail;
  onReload: () => Promise<unknown>;
}) {
  const canWrite = useCan('billing.write');
  const { undoCancel, resume } = useSubscriptionMutations();
  const [changing, changeDialog] = useDisclosure(false);
  const [canceling, cancelDialog] = useDisclosure(false);
  const [pausing, pauseDialog] = useDisclosure(false);
  const { subscription: s, customer } = detail;
  const viaStripe = s.managedBy === 'stripe';
  // The plan-change dialog previews Tollgate's own proration; Stripe prorates Stripe-managed ones itself.
  const allowed = new Set(detail.actions.filter((action) => !(viaStripe && action === 'change_plan')));
  if (!canWrite || allowed.size === 0) return null;

  const sentToStripe = () => {
    notifySuccess('Sent to Stripe', 'The subscription changes here once Stripe confirms it.');
    void onReload();
  };

  const confirmResume = () =>
    viaStripe
      ? resume.mutate(
          { id: s.id },
          {
            onSuccess: sentToStripe,
            onError: (error) => notifyError(error, 'Stripe did not take the change'),
          },
        )
      : confirmAction({
          title: `Resume ${customer.name}’s subscription?`,
          body: (
            <>
              Billing restarts now with a fresh period, and its invoice is charged at once. If the charge
              fails, the subscription becomes past due.
            </>
          ),
          confirmLabel: 'Resume and charge',
          cancelLabel: 'Keep paused',
          onConfirm: () =>
            resume.mutate(
              { id: s.id },
              {
                onSuccess: (next) =>
                  notifySuccess(
                    'Subscription resumed',
                    next.status === 'active'
                      ? 'The new period is paid.'
                      : 'The charge failed; it is past due now.',
                  ),
                onError: (error) => notifyError(error, 'Could not resume'),
              },
            ),
        });

  const undo = () =>
    undoCancel.mutate(
      { id: s.id },
      {
        onSuccess: viaStripe
          ? sentToStripe
          : () => notifySuccess('Cancellation undone', 'The subscription renews as usual.'),
        onError: (error) => notifyError(error, 'Could not undo the cancellation'),
      },
    );

  return (
    <>
      {allowed.has('undo_cancel_at_period_end') && (
        <Button
          variant="default"
          leftSection={<IconArrowBackUp {...ICON} />}
          onClick={undo}
          loading={undoCancel.isPending}
        >
          Undo cancellation
        </Button>
      )}
      {allowed.has('change_plan') && (
        <Button leftSection={<IconArrowsExchange {...ICON} />} onClick={changeDialog.open}>
          Change plan
        </Button>
      )}
      {allowed.has('pause') && (
        <Button variant="default" leftSection={<IconPlayerPause {...ICON} />} onClick={pauseDialog.open}>
          Pause
        </Button>
      )}
      {allowed.has('resume') && (
        <Button leftSection={<IconPlayerPlay {...ICON} />} onClick={confirmResume} loading={resume.isPending}>
          Resume
        </Button>
      )}
      {(allowed.has('cancel_now') || allowed.has('cancel_at_period_end')) && (
        <Button variant="default" color="red" leftSection={<IconX {...ICON} />} onClick={cancelDialog.open}>
          Cancel subscription
        </Button>
      )}
      <ChangePlanDialog detail={detail} opened={changing} onClose={changeDialog.close} onReload={onReload} />
      <CancelDialog detail={detail} opened={canceling} onClose={cancelDialog.close} />
      <PauseDialog detail={detail} opened={pausing} onClose={pauseDialog.close} />
    </>
  );
}
