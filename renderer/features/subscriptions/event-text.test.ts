import { describe, expect, it } from 'vitest';
import { describeEvent, newestFirst } from './event-text';

describe('describeEvent', () => {
  it('says why billing moved the subscription, with the status it landed in', () => {
    expect(
      describeEvent({ type: 'subscription.updated', data: { status: 'past_due', reason: 'payment_failed' } }),
    ).toEqual({ title: 'Payment failed', detail: 'Status: Past due' });
  });

  it('tells staff cancellations apart and notes a credit for unused time', () => {
    expect(
      describeEvent({ type: 'subscription.canceled', data: { reason: 'canceled_by_staff', prorated: true } }),
    ).toEqual({ title: 'Canceled by staff', detail: 'Unused time credited to the balance' });
    expect(describeEvent({ type: 'subscription.canceled', data: { reason: 'period_end' } }).title).toBe(
      'Canceled at the end of the period',
    );
  });

  it('reads an event it does not know by its last word', () => {
    expect(describeEvent({ type: 'subscription.quantity_changed', data: {} })).toEqual({
      title: 'Quantity changed',
      detail: null,
    });
  });

  it('ignores data of the wrong shape', () => {
    expect(describeEvent({ type: 'subscription.created', data: { status: 42 } })).toEqual({
      title: 'Created',
      detail: null,
    });
  });
});

describe('newestFirst', () => {
  it('puts the creation below what happened in the same millisecond', () => {
    const events = [
      { id: 'b', type: 'subscription.created', occurredAt: 10 },
      { id: 'a', type: 'subscription.updated', occurredAt: 10 },
      { id: 'c', type: 'subscription.canceled', occurredAt: 20 },
    ];
    expect(newestFirst(events).map((e) => e.id)).toEqual(['c', 'a', 'b']);
  });
});
