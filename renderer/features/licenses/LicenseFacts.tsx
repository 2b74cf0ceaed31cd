import { Anchor, Code, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { formatDateTime } from '../../lib/format';
import { type Field, FieldList } from '../../ui/FieldList';
import { SUBSCRIPTION_STATUS_LOOK } from '../subscriptions';
import { durationText, EXPIRATION_TEXT, intervalText, MACHINE_MODE_TEXT, OVERAGE_TEXT } from './policy-text';
import { Section } from './Section';
import type { LicenseDetail } from './types';

const when = (ms: number | null, otherwise: string) => (ms === null ? otherwise : formatDateTime(ms));

/** The license's own facts: its key's hint, dates, subscription, entitlements. */
function licenseFields(detail: LicenseDetail): Field[] {
  const { license: l, subscription } = detail;
  const fields: Field[] = [
    { label: 'Key', value: <Code>…{l.keyHint}</Code> },
    { label: 'Issued', value: formatDateTime(l.issuedAt) },
    { label: 'Expires', value: when(l.expiresAt, 'Never') },
  ];
  if (l.renewedAt !== null) fields.push({ label: 'Renewed', value: formatDateTime(l.renewedAt) });
  if (l.revokedAt !== null) fields.push({ label: 'Revoked', value: formatDateTime(l.revokedAt) });
  if (l.suspendedReason) fields.push({ label: 'Suspended because', value: l.suspendedReason });
  if (l.pastDueGraceEndsAt !== null)
    fields.push({ label: 'Past-due grace ends', value: formatDateTime(l.pastDueGraceEndsAt) });
  fields.push({ label: 'Last check-in', value: when(l.lastCheckInAt, 'Never') });
  if (l.subscriptionId !== null) {
    const id = l.subscriptionId;
    fields.push({
      label: 'Subscription',
      value: (
        <Anchor size="sm" renderRoot={(props) => <Link to="/subscriptions/$id" params={{ id }} {...props} />}>
          {subscription
            ? `${subscription.planName ?? 'Subscription'} · ${SUBSCRIPTION_STATUS_LOOK[subscription.status].label}`
            : id}
        </Anchor>
      ),
    });
  }
  const entitlements = [...new Set([...detail.policy.entitlements, ...l.entitlements])];
  fields.push({ label: 'Entitlements', value: entitlements.length ? entitlements.join(', ') : 'None' });
  return fields;
}

/** The policy's rules as this license runs under them. */
function policyFields(detail: LicenseDetail): Field[] {
  const p = detail.policy;
  return [
    {
      label: 'Policy',
      value: (
        <Anchor
          size="sm"
          renderRoot={(props) => <Link to="/licenses" search={{ policy: p.id }} {...props} />}
        >
          {p.name}
        </Anchor>
      ),
    },
    { label: 'Duration', value: durationText(p.duration) },
    { label: 'Machines', value: MACHINE_MODE_TEXT[p.machineMode] },
    { label: 'After expiry', value: EXPIRATION_TEXT[p.expirationStrategy] },
    { label: 'Overage', value: OVERAGE_TEXT[p.overageStrategy] },
    { label: 'Check-in', value: intervalText(p.checkInIntervalSeconds) },
    { label: 'Heartbeat', value: intervalText(p.heartbeatTtlSeconds) },
    { label: 'When past due', value: p.pastDueAction === 'SUSPEND' ? 'Suspend' : 'Report as overdue' },
  ];
}

export function LicenseFacts({ detail }: { detail: LicenseDetail }) {
  return (
    <Section id="license-facts" title="License">
      <FieldList fields={licenseFields(detail)} />
    </Section>
  );
}

export function PolicyFacts({ detail }: { detail: LicenseDetail }) {
  return (
    <Section id="license-policy" title="Policy">
      <FieldList fields={policyFields(detail)} />
      {detail.policy.archivedAt !== null && (
        <Text size="xs" c="dimmed" mt="sm">
          Archived: no new license is issued under it.
        </Text>
      )}
    </Section>
  );
}
