import { Badge } from '@mantine/core';
import type { CustomerStatus } from '../../../shared/customers/schema';

export function StatusBadge({ status, size = 'sm' }: { status: CustomerStatus; size?: 'sm' | 'md' }) {
  return status === 'active' ? (
    <Badge color="teal" size={size}>
      Active
    </Badge>
  ) : (
    <Badge color="gray" size={size}>
      Archived
    </Badge>
  );
}
