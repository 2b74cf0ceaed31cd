/** One thing staff (or the customer) did in the demo year, at a moment of it. */
export type DemoAction = { at: number } & (
  | {
      kind: 'subscribe';
      customerId: string;
      card: string;
      priceId: string;
      trialDays: number;
      quantity: number;
      /** A former customer coming back after canceling. */
      returning?: true;
      onStarted?: (id: string) => void;
    }
  | { kind: 'change'; priceId: string; subscription: () => string | undefined }
  /** Seats added or removed on the same price (a removal takes effect at period end). */
  | { kind: 'seats'; delta: number; subscription: () => string | undefined }
  | { kind: 'cancel'; when: 'now' | 'period_end'; subscription: () => string | undefined }
  | {
      kind: 'refund';
      full: boolean;
      reason: 'requested_by_customer' | 'duplicate';
      subscription: () => string | undefined;
    }
  /** The customer's card goes bad (expired, emptied, reported stolen): it replaces every card on file. */
  | { kind: 'card_fails'; customerId: string; card: string }
  /** The customer puts a working card on file, which retries what recovery is still collecting. */
  | { kind: 'card_fixed'; customerId: string; card: string }
);
