import { randomBytes } from 'node:crypto';
import { GatewayError } from '../types';

/** The kinds of object the sandbox hands out refs for, with Stripe's prefixes. */
export type SandboxRefKind = 'cus' | 'seti' | 'pm' | 'ch' | 're';

/** Random hex, for the unguessable part of refs and client secrets. */
export function randomHex(bytes = 12): string {
  return randomBytes(bytes).toString('hex');
}

/** A new ref such as `ch_sbx_3f9a…`: Stripe's prefix, then `sbx` so a sandbox ref is never sent to Stripe. */
export function newSandboxRef(kind: Exclude<SandboxRefKind, 'pm'>): string {
  return `${kind}_sbx_${randomHex()}`;
}

/** Refuses a customer ref the sandbox could not have made. */
export function assertSandboxCustomer(gatewayCustomerId: string): void {
  if (!/^cus_sbx_[0-9a-f]+$/.test(gatewayCustomerId)) {
    throw new GatewayError('invalid_request', `No such sandbox customer: "${gatewayCustomerId}"`, false);
  }
}
