import { describe, expect, it } from 'vitest';
import {
  decodePaymentMethodRef,
  encodePaymentMethodRef,
  type SandboxPaymentMethod,
} from './payment-method-ref';

const method: SandboxPaymentMethod = {
  behaviour: 'insufficient_funds',
  brand: 'visa',
  last4: '9995',
  expMonth: 12,
  expYear: 2029,
};

describe('sandbox payment method refs', () => {
  it('carry the behaviour, brand, last four digits and expiry, and read back the same', () => {
    const ref = encodePaymentMethodRef(method, 'a1b2c3');
    expect(ref).toBe('pm_sbx_nsf_visa_9995_122029_a1b2c3');
    expect(decodePaymentMethodRef(ref)).toEqual(method);
  });

  it('round-trip every behaviour', () => {
    const behaviours = [
      'succeeds',
      'requires_authentication',
      'card_declined',
      'insufficient_funds',
      'expired_card',
      'incorrect_cvc',
      'processing_error',
      'lost_card',
      'stolen_card',
      'fraudulent',
    ] as const;
    for (const behaviour of behaviours) {
      const ref = encodePaymentMethodRef({ ...method, behaviour, expMonth: 3 }, 'ff');
      expect(decodePaymentMethodRef(ref)).toEqual({ ...method, behaviour, expMonth: 3 });
    }
  });

  it('refuse refs the sandbox could not have made', () => {
    for (const ref of [
      'pm_card_visa',
      'pm_sbx_nope_visa_4242_122029_ff',
      'pm_sbx_ok_diners_4242_122029_ff',
      'pm_sbx_ok_visa_4242_132029_ff',
      'pm_sbx_ok_visa_4242424242424242_122029_ff',
      'pm_sbx_ok_visa_4242_122029_ff_extra',
    ]) {
      expect(decodePaymentMethodRef(ref), ref).toBeNull();
    }
  });
});
