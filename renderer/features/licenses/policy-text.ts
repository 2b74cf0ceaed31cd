import { formatMoney, money } from '../../../shared/money';
import type {
  Duration,
  ExpirationStrategy,
  MachineMode,
  OverageStrategy,
  UsageRule,
} from '../../../shared/licensing/policy';

/** How each policy choice reads to staff (the same words on the policy form and a license). */
export const MACHINE_MODE_TEXT: Record<MachineMode, string> = {
  NONE: 'Not tied to machines',
  NODE_LOCKED: 'Node-locked (one machine)',
  FLOATING: 'Floating (several machines)',
};

export const EXPIRATION_TEXT: Record<ExpirationStrategy, string> = {
  RESTRICT: 'Restrict: releases before expiry keep working',
  REVOKE: 'Revoke: nothing works after expiry',
  MAINTAIN: 'Maintain: keeps working, reported as expired',
  ALLOW: 'Allow: everything keeps working',
};

export const OVERAGE_TEXT: Record<OverageStrategy, string> = {
  NONE: 'No overage',
  X1_25: 'Up to 1.25× the maximum',
  X1_5: 'Up to 1.5× the maximum',
  X2: 'Up to 2× the maximum',
  ALWAYS: 'Always allow more',
};

export function durationText(duration: Duration): string {
  if (duration.kind === 'SUBSCRIPTION') return 'Follows the subscription';
  return duration.days === 1 ? '1 day' : `${duration.days.toLocaleString('en-US')} days`;
}

/** "10" or "Unlimited". */
export const limitText = (max: number | null) => (max === null ? 'Unlimited' : max.toLocaleString('en-US'));

/** "Every 3,600 s" for an interval in seconds, in the largest whole unit. */
export function intervalText(seconds: number | null): string {
  if (seconds === null) return 'None';
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    if (seconds % size === 0) {
      const n = seconds / size;
      return `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${seconds.toLocaleString('en-US')} seconds`;
}

export function ruleText(rule: UsageRule | null): string {
  if (!rule) return 'No limit';
  switch (rule.kind) {
    case 'BLOCK':
      return 'Blocked at the limit';
    case 'BILL':
      return `Each unit over billed at ${formatMoney(money(rule.unitPrice, rule.currency))}`;
    case 'ALLOW_MULTIPLE':
      return `Allowed up to ${rule.percent}% of the limit`;
  }
}
