import {
  recoveryPolicyInput,
  type FinalAction,
  type RecoveryPolicy,
} from '../../../shared/billing/recovery-schema';
import { plannedRetries } from '../../../shared/billing/recovery-schedule';

/** The policy form's values: what the shared schema takes, as number inputs hold them. */
export interface PolicyFormValues {
  retryBaseHours: number | string;
  backoffFactor: number | string;
  maxAttempts: number | string;
  graceDays: number | string;
  finalAction: FinalAction;
}

const asNumber = (value: number | string): number => (typeof value === 'number' ? value : Number.NaN);

export function policyFromForm(values: PolicyFormValues): RecoveryPolicy {
  return {
    retryBaseHours: asNumber(values.retryBaseHours),
    backoffFactor: asNumber(values.backoffFactor),
    maxAttempts: asNumber(values.maxAttempts),
    graceDays: asNumber(values.graceDays),
    finalAction: values.finalAction,
  };
}

/** The server's own rules, checked before sending: the first problem per field. */
export function validatePolicyForm(values: PolicyFormValues): Record<string, string> {
  const parsed = recoveryPolicyInput.safeParse(policyFromForm(values));
  const errors: Record<string, string> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) errors[issue.path.join('.') || '_'] ??= issue.message;
  return errors;
}

const HOUR = 3_600_000;

/** "after 1 d, 3 d, 7 d": when each retry comes, counted from the first failure. */
export function scheduleText(values: PolicyFormValues): string {
  const policy = policyFromForm(values);
  if (!recoveryPolicyInput.safeParse(policy).success) return '';
  const retries = plannedRetries(policy, 0);
  if (retries.length === 0) return 'No retries: the first failure leads to the final action.';
  const when = retries.map((at) => {
    const hours = at / HOUR;
    return hours % 24 === 0 ? `${hours / 24} d` : `${Math.round(hours * 10) / 10} h`;
  });
  return `Retries ${when.join(', ')} after the first failure, within the ${policy.graceDays}-day grace period.`;
}
