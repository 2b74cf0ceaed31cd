import { notifications } from '@mantine/notifications';
import { formatDate } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { planWithQuantity } from './price-text';
import type { PlanChangePreview, PlanChangeResult } from './types';

/** Says what the confirmed change did: scheduled, charged, or charged and declined. */
export function notifyPlanChanged(preview: PlanChangePreview, invoice: PlanChangeResult['invoice']): void {
  const to = planWithQuantity(preview.to.planName, preview.to.quantity);
  if (preview.timing === 'period_end') {
    notifySuccess('Change scheduled', `Switches to ${to} on ${formatDate(preview.effectiveAt)}.`);
  } else if (invoice?.status === 'open') {
    notifications.show({
      title: 'Plan changed, but the charge failed',
      message: `Now on ${to}. Invoice ${invoice.number ?? ''} is open and will be retried.`,
      color: 'orange',
      autoClose: 8000,
    });
  } else {
    notifySuccess(
      'Plan changed',
      `Now on ${to}.${invoice?.number ? ` Invoice ${invoice.number} is paid.` : ''}`,
    );
  }
}
