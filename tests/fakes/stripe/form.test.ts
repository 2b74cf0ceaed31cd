import { describe, expect, it } from 'vitest';
import { FakeStripeError } from './errors';
import { Params, parseForm } from './form';

describe("Stripe's form encoding", () => {
  it('nests bracketed keys and restores indexed arrays', () => {
    expect(
      parseForm(
        'amount=2000&metadata[order]=42&metadata[note]=a+b%26c&allowed_payment_method_types[0]=card&allowed_payment_method_types[1]=link&expand[]=x',
      ),
    ).toEqual({
      amount: '2000',
      metadata: { order: '42', note: 'a b&c' },
      allowed_payment_method_types: ['card', 'link'],
      expand: ['x'],
    });
  });

  it('reads percent-encoded brackets the same as plain ones', () => {
    expect(parseForm('metadata%5Border%5D=42')).toEqual({ metadata: { order: '42' } });
  });
});

describe('parameter checks', () => {
  const refusal = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      if (error instanceof FakeStripeError) return { status: error.status, ...error.body };
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('refuse unknown parameters, as Stripe does', () => {
    expect(refusal(() => new Params({ amout: '1' }, ['amount']))).toMatchObject({
      status: 400,
      code: 'parameter_unknown',
      param: 'amout',
    });
  });

  it('refuse missing, empty and malformed values, naming the parameter', () => {
    expect(refusal(() => new Params({}, ['amount']).integer('amount', { required: true }))).toMatchObject({
      code: 'parameter_missing',
      param: 'amount',
      message: 'Missing required param: amount.',
    });
    expect(refusal(() => new Params({ amount: '12.5' }, ['amount']).integer('amount'))).toMatchObject({
      code: 'parameter_invalid_integer',
      param: 'amount',
    });
    expect(
      refusal(() => new Params({ amount: '0' }, ['amount']).integer('amount', { min: 1 })),
    ).toMatchObject({ code: 'parameter_invalid_integer' });
    expect(
      refusal(() => new Params({ currency: '' }, ['currency']).requiredString('currency')),
    ).toMatchObject({ code: 'parameter_invalid_empty' });
    expect(refusal(() => new Params({ confirm: 'yes' }, ['confirm']).boolean('confirm'))).toMatchObject({
      param: 'confirm',
    });
    expect(
      refusal(() => new Params({ reason: 'bored' }, ['reason']).oneOf('reason', ['duplicate'])),
    ).toMatchObject({ param: 'reason' });
    expect(
      refusal(() => new Params({ metadata: { ['k'.repeat(41)]: 'v' } }, ['metadata']).metadata()),
    ).toMatchObject({ param: `metadata[${'k'.repeat(41)}]` });
  });
});
