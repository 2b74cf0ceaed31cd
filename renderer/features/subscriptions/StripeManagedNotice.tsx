import { Alert, Code, Loader, Text } from '@mantine/core';
import { IconBrandStripe } from '@tabler/icons-react';
import { useEffect } from 'react';
import { formatDateTime } from '../../lib/format';
import { stripeRequestLabel } from './stripe-request-text';
import type { SubscriptionDetail } from './types';

/** How often the page asks again while Stripe's confirmation is awaited. */
const WAITING_POLL_MS = 2_000;

/**
 * A Stripe-managed subscription's banner: where it lives, and the last request sent to
 * Stripe — waiting for the webhook that confirms it, or what Stripe refused.
 */
export function StripeManagedNotice({
  detail,
  onReload,
}: {
  detail: SubscriptionDetail;
  onReload: () => Promise<unknown>;
}) {
  const stripe = detail.stripe;
  const waiting = stripe?.waiting ?? false;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void onReload(), WAITING_POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, onReload]);
  if (!stripe) return null;
  const request = stripe.lastRequest;
  if (request && waiting) {
    return (
      <Alert
        color="violet"
        icon={<Loader size={16} color="violet" />}
        title="Sent to Stripe — waiting for confirmation"
      >
        <Text size="sm">
          {stripeRequestLabel(request.action)}, asked by {request.requestedBy} at{' '}
          {formatDateTime(request.requestedAt)}. This page changes when Stripe’s confirmation arrives.
        </Text>
      </Alert>
    );
  }
  if (request?.status === 'failed') {
    return (
      <Alert color="red" icon={<IconBrandStripe size={16} />} title="Stripe refused the last change">
        <Text size="sm">
          {stripeRequestLabel(request.action)}: {request.error ?? 'no reason given'}
        </Text>
      </Alert>
    );
  }
  return (
    <Alert
      color="violet"
      variant="light"
      icon={<IconBrandStripe size={16} />}
      title="Managed in Stripe Billing"
    >
      <Text size="sm">
        Stripe invoices and charges this subscription
        {stripe.ref ? (
          <>
            {' '}
            (<Code>{stripe.ref}</Code>)
          </>
        ) : null}
        . Changes made here are sent to Stripe and show once Stripe confirms them.
      </Text>
    </Alert>
  );
}
