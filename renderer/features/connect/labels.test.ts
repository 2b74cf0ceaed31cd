import { describe, expect, it } from 'vitest';
import { describeCommand, OUTBOX_LABELS, outboxState, progressPercent } from './labels';

describe('describeCommand', () => {
  it('names the area and the action in words', () => {
    expect(describeCommand('customers.create')).toBe('Customers · create');
    expect(describeCommand('paymentMethods.setDefault')).toBe('Payment methods · set default');
    expect(describeCommand('ping')).toBe('ping');
  });
});

describe('progressPercent', () => {
  it('is whole, capped at 100, and complete when nothing was waiting', () => {
    expect(progressPercent({ done: 1, total: 3 })).toBe(33);
    expect(progressPercent({ done: 5, total: 3 })).toBe(100);
    expect(progressPercent({ done: 0, total: 0 })).toBe(100);
    expect(progressPercent(null)).toBeNull();
  });
});

describe('outboxState', () => {
  it('says Sending for a waiting command in the push under way, else its status', () => {
    expect(OUTBOX_LABELS[outboxState({ status: 'pending', inFlight: true })].label).toBe('Sending');
    expect(OUTBOX_LABELS[outboxState({ status: 'pending', inFlight: false })].label).toBe('Waiting');
    expect(OUTBOX_LABELS[outboxState({ status: 'cancelled', inFlight: false })].label).toBe('Cancelled');
  });
});
