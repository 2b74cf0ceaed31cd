import { Badge, Tooltip } from '@mantine/core';
import { IconBrandStripe } from '@tabler/icons-react';

/** Marks a subscription that Stripe Billing manages (Tollgate mirrors it and asks Stripe to change it). */
export function StripeBadge({ size = 'sm' }: { size?: 'sm' | 'md' }) {
  return (
    <Tooltip label="Managed in Stripe Billing: Stripe invoices and charges it">
      <Badge
        color="violet"
        variant="light"
        size={size}
        leftSection={<IconBrandStripe size={12} aria-hidden />}
        style={{ flexShrink: 0 }}
      >
        Stripe
      </Badge>
    </Tooltip>
  );
}
