import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { FAILURE_MESSAGES } from '../failure-messages';
import { GatewayError, type AttachedPaymentMethod, type PaymentGateway } from '../types';
import { cardBrand, normalizeCardNumber, passesLuhn } from './card-numbers';
import { recordCharge, refundCharge } from './charges';
import { runIdempotently, type SandboxRequest } from './idempotent-request';
import { decodePaymentMethodRef, encodePaymentMethodRef } from './payment-method-ref';
import { assertSandboxCustomer, newSandboxRef, randomHex } from './sandbox-refs';
import { cardBehaviour } from './test-cards';

export interface SandboxGatewayDeps {
  db: Kysely<DB>;
  tenantId: string;
  clock: Clock;
}

/** Sandbox cards expire in December three years after they are saved, like a freshly issued card. */
const EXPIRY_MONTH = 12;
const EXPIRY_YEARS_AHEAD = 3;

/**
 * Reads a typed card number without ever letting it out: the error names no digits, and
 * what is returned (and fingerprinted for idempotency) keeps only the first six and last
 * four digits, which card rules allow to be stored, and the card's test behaviour.
 */
function readCard(source: string) {
  const digits = normalizeCardNumber(source);
  if (digits === null || !passesLuhn(digits)) {
    throw new GatewayError('card', 'The card number is not valid', false);
  }
  return {
    bin: digits.slice(0, 6),
    last4: digits.slice(-4),
    brand: cardBrand(digits),
    behaviour: cardBehaviour(digits),
  };
}

/**
 * The embedded default gateway: behaves as Stripe's test cards do, keeps its charges and
 * idempotent answers in `sandbox_charges` and `sandbox_requests`, and stores no card data.
 * Customers and setup intents are refs only: there is nothing about them to keep.
 */
export function createSandboxGateway(deps: SandboxGatewayDeps): PaymentGateway {
  const idempotent = <T>(
    key: string,
    request: SandboxRequest,
    act: (trx: Transaction<DB>) => Promise<T> | T,
  ) =>
    runIdempotently(
      { db: deps.db, tenantId: deps.tenantId, idempotencyKey: key, now: deps.clock.now(), request },
      act,
    );

  return {
    name: 'sandbox',

    createCustomer(input, idempotencyKey) {
      return idempotent(idempotencyKey, { operation: 'customers.create', params: input }, () => ({
        gatewayCustomerId: newSandboxRef('cus'),
      }));
    },

    async createSetupIntent(input, idempotencyKey) {
      assertSandboxCustomer(input.gatewayCustomerId);
      return idempotent(idempotencyKey, { operation: 'setup_intents.create', params: input }, () => {
        const gatewayRef = newSandboxRef('seti');
        return { gatewayRef, clientSecret: `${gatewayRef}_secret_${randomHex()}` };
      });
    },

    async attachPaymentMethod(input, idempotencyKey) {
      assertSandboxCustomer(input.gatewayCustomerId);
      const card = readCard(input.source);
      const params = { gatewayCustomerId: input.gatewayCustomerId, ...card };
      return idempotent(idempotencyKey, { operation: 'payment_methods.attach', params }, () => {
        if ('refusedAtAttach' in card.behaviour) {
          throw new GatewayError(
            'card',
            FAILURE_MESSAGES.card_declined,
            false,
            card.behaviour.refusedAtAttach,
          );
        }
        const expYear = new Date(deps.clock.now()).getUTCFullYear() + EXPIRY_YEARS_AHEAD;
        const method = { brand: card.brand, last4: card.last4, expMonth: EXPIRY_MONTH, expYear };
        const gatewayRef = encodePaymentMethodRef(
          { ...method, behaviour: card.behaviour.charge },
          randomHex(8),
        );
        return { gatewayRef, ...method } satisfies AttachedPaymentMethod;
      });
    },

    async detachPaymentMethod(input, idempotencyKey) {
      // Sandbox payment methods are self-describing refs, so there is no saved card to
      // remove; Tollgate's own payment_methods row records the detachment.
      readPaymentMethod(input.gatewayRef);
      await idempotent(
        idempotencyKey,
        { operation: 'payment_methods.detach', params: input },
        () => undefined,
      );
    },

    async charge(input, idempotencyKey) {
      assertSandboxCustomer(input.gatewayCustomerId);
      const method = readPaymentMethod(input.paymentMethodRef);
      return idempotent(idempotencyKey, { operation: 'charges.create', params: input }, (trx) =>
        recordCharge(trx, {
          tenantId: deps.tenantId,
          paymentMethodRef: input.paymentMethodRef,
          amount: input.amount,
          behaviour: method.behaviour,
          now: deps.clock.now(),
        }),
      );
    },

    refund(input, idempotencyKey) {
      return idempotent(idempotencyKey, { operation: 'refunds.create', params: input }, (trx) =>
        refundCharge(trx, { tenantId: deps.tenantId, chargeRef: input.chargeRef, amount: input.amount }),
      );
    },
  };
}

function readPaymentMethod(ref: string) {
  const method = decodePaymentMethodRef(ref);
  if (!method) throw new GatewayError('invalid_request', `No such sandbox payment method: "${ref}"`, false);
  return method;
}
