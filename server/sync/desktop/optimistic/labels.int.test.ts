import { describe, expect, it } from 'vitest';
import { newId } from '../../../../shared/ids';
import { listProcedures } from '../../../app/procedures';
import { isServerCommand } from '../commands';
import { LOCAL_EFFECTS } from './effects';
import { describeCommand, hasSentence } from './labels';
import {
  localCommand,
  replicaForEachTest,
  seedCustomer,
  seedDefaultCard,
  seedPaidInvoice,
  seedRow,
  TENANT,
} from './replica.test-kit';
import type { LocalEffect } from './types';

const local = replicaForEachTest();

const describe_ = (path: string, input: unknown) => describeCommand(local.sqlite, path, localCommand(input));

function seedSubscription(customerId: string) {
  const plan = {
    id: newId('pln'),
    tenant_id: TENANT,
    product_id: newId('prd'),
    name: 'Pro',
    status: 'active',
  };
  seedRow(local.sqlite, 'plans', { ...plan, version: 1, created_at: 1, updated_at: 1 });
  const price = { id: newId('pri'), tenant_id: TENANT, plan_id: plan.id, amount: 2900, currency: 'USD' };
  seedRow(local.sqlite, 'prices', {
    ...price,
    interval: 'month',
    status: 'active',
    created_at: 1,
    updated_at: 1,
  });
  const subscription = {
    id: newId('sub'),
    tenant_id: TENANT,
    customer_id: customerId,
    plan_id: plan.id,
    price_id: price.id,
    quantity: 1,
    currency: 'USD',
    status: 'active',
    billing_anchor: 1,
    current_period_start: 1,
    current_period_end: 2,
    trial_end_behavior: 'cancel',
    version: 1,
    created_at: 1,
    updated_at: 1,
  };
  seedRow(local.sqlite, 'subscriptions', subscription);
  return { plan, price, subscription };
}

describe('describeCommand', () => {
  it("uses a command's own effect when it has one", () => {
    const ada = seedCustomer(local.sqlite);
    expect(describe_('customers.archive', { id: ada.id })).toEqual({
      label: 'Archive customer Ada Lovelace',
      record: { table: 'customers', key: ada.id },
    });
  });

  it('names the records of commands without an effect, as the console names them', () => {
    const ada = seedCustomer(local.sqlite);
    const { subscription, price } = seedSubscription(ada.id);
    expect(describe_('subscriptions.pause', { id: subscription.id })).toEqual({
      label: 'Pause the Pro subscription of Ada Lovelace',
      record: { table: 'subscriptions', key: subscription.id },
    });
    expect(describe_('subscriptions.cancel', { id: subscription.id, when: 'period_end' }).label).toBe(
      'Cancel the Pro subscription of Ada Lovelace at period end',
    );
    expect(describe_('subscriptions.create', { customerId: ada.id, priceId: price.id }).label).toBe(
      'Subscribe Ada Lovelace to the $29.00/month price of Pro',
    );
    const { invoice } = seedPaidInvoice(local.sqlite, ada.id);
    expect(describe_('invoices.void', { id: invoice.id })).toEqual({
      label: 'Void invoice INV-000001',
      record: { table: 'invoices', key: invoice.id },
    });
    expect(describe_('recovery.pauseCustomer', { customerId: ada.id }).label).toBe(
      'Pause payment recovery for Ada Lovelace',
    );
    const card = seedDefaultCard(local.sqlite, ada.id);
    expect(describe_('paymentMethods.remove', { id: card.id }).label).toBe(
      'Remove Visa •••• 4242 of Ada Lovelace',
    );
  });

  it('falls back to the id for a record the replica does not hold', () => {
    const id = 'sub_01JD0000000000000000000042';
    expect(describe_('subscriptions.resume', { id })).toEqual({
      label: `Resume subscription ${id}`,
      record: { table: 'subscriptions', key: id },
    });
  });

  it('makes a sentence from the path of a command it does not know', () => {
    const ada = seedCustomer(local.sqlite);
    expect(describe_('loyalty.grantBonusPoints', { customerId: ada.id })).toEqual({
      label: 'Loyalty: grant bonus points Ada Lovelace',
      record: { table: 'customers', key: ada.id },
    });
    expect(describe_('stripeBilling.syncEverything', {})).toEqual({
      label: 'Stripe Billing: sync everything',
      record: null,
    });
  });

  it('falls back to the path when an effect cannot describe its input', () => {
    const broken: LocalEffect = {
      describe: () => {
        throw new Error('an input from an older version');
      },
      apply: () => null,
    };
    const described = describeCommand(local.sqlite, 'invoices.void', localCommand({ id: 'inv_x' }), {
      'invoices.void': broken,
    });
    expect(described.label).toBe('Void invoice inv_x');
  });

  it('has a sentence or an effect for every command a desktop forwards to the server', () => {
    const forwarded = listProcedures()
      .filter((p) => p.type === 'mutation' && isServerCommand(p.path))
      .map((p) => p.path);
    expect(forwarded.length).toBeGreaterThan(40);
    expect(forwarded.filter((path) => !hasSentence(path) && !(path in LOCAL_EFFECTS))).toEqual([]);
  });
});
