import { Anchor, type AnchorProps } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

type LinkProps = { id: string; children: ReactNode } & AnchorProps;

/** Opens the subscription's own page. */
export function SubscriptionLink({ id, children, ...props }: LinkProps) {
  return (
    <Anchor
      size="sm"
      {...props}
      renderRoot={(root) => <Link to="/subscriptions/$id" params={{ id }} {...root} />}
    >
      {children}
    </Anchor>
  );
}

/** Opens the invoice's own page. */
export function InvoiceLink({ id, children, ...props }: LinkProps) {
  return (
    <Anchor size="sm" {...props} renderRoot={(root) => <Link to="/invoices/$id" params={{ id }} {...root} />}>
      {children}
    </Anchor>
  );
}
