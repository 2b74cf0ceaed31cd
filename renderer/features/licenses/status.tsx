import { Badge, type BadgeProps } from '@mantine/core';
import type { LicenseStatus } from '../../../shared/licensing/queries-schema';

/** How each status reads: active works, suspended can be reinstated, revoked is for good. */
export const LICENSE_STATUS_LOOK: Record<LicenseStatus, { label: string; color: string }> = {
  ACTIVE: { label: 'Active', color: 'teal' },
  SUSPENDED: { label: 'Suspended', color: 'orange' },
  REVOKED: { label: 'Revoked', color: 'gray' },
};

export function LicenseStatusBadge({
  status,
  size = 'sm',
  ...props
}: { status: LicenseStatus; size?: 'sm' | 'md' } & Omit<BadgeProps, 'color' | 'size'>) {
  const look = LICENSE_STATUS_LOOK[status];
  return (
    <Badge color={look.color} size={size} miw="max-content" {...props}>
      {look.label}
    </Badge>
  );
}
