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

  it('says from what to what a plan or its seats changed', () => {
    const change = (from: object, to: object, extra: object = {}) =>
      describeEvent({
        type: 'subscription.updated',
        data: { status: 'active', reason: 'change_plan', timing: 'now', from, to, ...extra },
      });
    const starter = { plan: 'Starter', interval: 'month', quantity: 3 };
    expect(change(starter, { ...starter, plan: 'Pro' })).toEqual({
      title: 'Plan changed: Starter → Pro',
      detail: 'Pro × 3',
    });
    expect(change(starter, { ...starter, quantity: 5 })).toEqual({
      title: 'Seats 3 → 5',
      detail: 'Starter × 5',
    });
    expect(change(starter, { plan: 'Pro', interval: 'month', quantity: 5 })).toEqual({
      title: 'Plan changed: Starter → Pro',
      detail: 'Seats 3 → 5',
    });
    expect(change(starter, { ...starter, interval: 'year' })).toEqual({
      title: 'Billing changed: monthly → yearly',
      detail: 'Starter × 3',
    });
  });

  it('keeps the old words for changes recorded without both sides', () => {
    expect(
      describeEvent({ type: 'subscription.updated', data: { status: 'active', reason: 'change_plan' } })
        .title,
    ).toBe('Plan or quantity changed');
  });
});
