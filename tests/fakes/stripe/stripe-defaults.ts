import type Stripe from 'stripe';

/**
 * What Stripe sends for the fields of its objects the fake never changes: the values an
 * account without Connect, tax, shipping, discounts or statement descriptors shows (mostly
 * null or empty). Spread under each object the fake makes, so every object carries every
 * field the SDK declares as always present (sdk-completeness.int.test.ts); typed against
 * the SDK, so a value of the wrong kind does not compile.
 */

const NO_ADDRESS_OR_CONTACT = { address: null, email: null, name: null, phone: null, tax_id: null };

export const CUSTOMER_DEFAULTS = {
  balance: 0,
  default_source: null,
  shipping: null,
} satisfies Partial<Stripe.Customer>;

export const PAYMENT_METHOD_DEFAULTS = {
  billing_details: NO_ADDRESS_OR_CONTACT,
  customer_account: null,
} satisfies Partial<Stripe.PaymentMethod>;

export const SETUP_INTENT_DEFAULTS = {
  application: null,
  automatic_payment_methods: null,
  cancellation_reason: null,
  description: null,
  excluded_payment_method_types: null,
  latest_attempt: null,
  mandate: null,
  metadata: {},
  next_action: null,
  on_behalf_of: null,
  payment_method_configuration_details: null,
  payment_method_options: null,
  single_use_mandate: null,
} satisfies Partial<Stripe.SetupIntent>;

export const PAYMENT_INTENT_DEFAULTS = {
  allowed_payment_method_types: null,
  amount_capturable: 0,
  application: null,
  application_fee_amount: null,
  automatic_payment_methods: null,
  canceled_at: null,
  cancellation_reason: null,
  capture_method: 'automatic',
  confirmation_method: 'automatic',
  customer_account: null,
  excluded_payment_method_types: null,
  managed_payments: null,
  on_behalf_of: null,
  payment_method_configuration_details: null,
  payment_method_options: null,
  payment_method_types: ['card'],
  payment_record: null,
  processing: null,
  receipt_email: null,
  review: null,
  setup_future_usage: null,
  shipping: null,
  source: null,
  statement_descriptor: null,
  statement_descriptor_suffix: null,
  transfer_group: null,
} satisfies Partial<Stripe.PaymentIntent>;

export const CHARGE_DEFAULTS = {
  application: null,
  application_fee: null,
  application_fee_amount: null,
  balance_transaction: null,
  billing_details: NO_ADDRESS_OR_CONTACT,
  calculated_statement_descriptor: null,
  description: null,
  disputed: false,
  failure_balance_transaction: null,
  fraud_details: null,
  metadata: {},
  on_behalf_of: null,
  outcome: null,
  payment_method_details: null,
  receipt_email: null,
  receipt_number: null,
  receipt_url: null,
  review: null,
  shipping: null,
  source: null,
  source_transfer: null,
  statement_descriptor: null,
  statement_descriptor_suffix: null,
  transfer_data: null,
  transfer_group: null,
} satisfies Partial<Stripe.Charge>;

export const REFUND_DEFAULTS = {
  balance_transaction: null,
  customer_account: null,
  receipt_number: null,
  source_transfer_reversal: null,
  transfer_reversal: null,
} satisfies Partial<Stripe.Refund>;

export const DISPUTE_DEFAULTS = {
  balance_transactions: [],
  enhanced_eligibility_types: [],
  evidence: {
    access_activity_log: null,
    billing_address: null,
    cancellation_policy: null,
    cancellation_policy_disclosure: null,
    cancellation_rebuttal: null,
    customer_communication: null,
    customer_email_address: null,
    customer_name: null,
    customer_purchase_ip: null,
    customer_signature: null,
    duplicate_charge_documentation: null,
    duplicate_charge_explanation: null,
    duplicate_charge_id: null,
    enhanced_evidence: {},
    product_description: null,
    receipt: null,
    refund_policy: null,
    refund_policy_disclosure: null,
    refund_refusal_explanation: null,
    service_date: null,
    service_documentation: null,
    shipping_address: null,
    shipping_carrier: null,
    shipping_date: null,
    shipping_documentation: null,
    shipping_tracking_number: null,
    uncategorized_file: null,
    uncategorized_text: null,
  },
  evidence_details: {
    due_by: null,
    enhanced_eligibility: {},
    has_evidence: false,
    past_due: false,
    submission_count: 0,
    submission_method: 'not_submitted',
  },
  intended_submission_method: null,
  is_charge_refundable: false,
} satisfies Partial<Stripe.Dispute>;

export const PRODUCT_DEFAULTS = {
  images: [],
  marketing_features: [],
  package_dimensions: null,
  shippable: null,
  tax_details: null,
  type: 'service',
  url: null,
} satisfies Partial<Stripe.Product>;

export const PRICE_DEFAULTS = {
  billing_scheme: 'per_unit',
  custom_unit_amount: null,
  lookup_key: null,
  tax_behavior: 'unspecified',
  tiers_mode: null,
  transform_quantity: null,
} satisfies Partial<Stripe.Price>;

export const SUBSCRIPTION_ITEM_DEFAULTS = {
  billing_thresholds: null,
  current_trial: null,
  discounts: [],
  tax_rates: [],
} satisfies Partial<Stripe.SubscriptionItem>;

export const SUBSCRIPTION_DEFAULTS = {
  application: null,
  application_fee_percent: null,
  automatic_tax: { disabled_reason: null, enabled: false, liability: null },
  billing_cycle_anchor_config: null,
  billing_mode: { flexible: null, type: 'classic' },
  billing_schedules: [],
  billing_thresholds: null,
  cancellation_details: null,
  customer_account: null,
  days_until_due: null,
  default_source: null,
  description: null,
  discounts: [],
  invoice_settings: {
    account_tax_ids: null,
    custom_fields: null,
    description: null,
    footer: null,
    issuer: { type: 'self' },
  },
  managed_payments: null,
  next_pending_invoice_item_invoice: null,
  on_behalf_of: null,
  payment_settings: null,
  pending_invoice_item_interval: null,
  pending_setup_intent: null,
  pending_update: null,
  schedule: null,
  test_clock: null,
  transfer_data: null,
  trial_settings: null,
} satisfies Partial<Stripe.Subscription>;

export const INVOICE_LINE_DEFAULTS = {
  discount_amounts: [],
  discountable: true,
  discounts: [],
  livemode: false,
  metadata: {},
  pretax_credit_amounts: [],
  taxes: [],
} satisfies Partial<Stripe.InvoiceLineItem>;

export const INVOICE_DEFAULTS = {
  account_country: 'US',
  account_name: 'Tollgate fake account',
  account_tax_ids: null,
  amount_overpaid: 0,
  amount_shipping: 0,
  application: null,
  automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
  automatically_finalizes_at: null,
  custom_fields: null,
  customer_account: null,
  customer_address: null,
  customer_email: null,
  customer_name: null,
  customer_phone: null,
  customer_shipping: null,
  customer_tax_exempt: 'none',
  default_payment_method: null,
  default_source: null,
  default_tax_rates: [],
  description: null,
  discounts: [],
  due_date: null,
  effective_at: null,
  ending_balance: null,
  footer: null,
  from_invoice: null,
  issuer: { type: 'self' },
  last_finalization_error: null,
  latest_revision: null,
  on_behalf_of: null,
  payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
  post_payment_credit_notes_amount: 0,
  pre_payment_credit_notes_amount: 0,
  receipt_number: null,
  rendering: null,
  shipping_cost: null,
  shipping_details: null,
  starting_balance: 0,
  statement_descriptor: null,
  test_clock: null,
  total_discount_amounts: [],
  total_pretax_credit_amounts: [],
  total_taxes: [],
  webhooks_delivered_at: null,
} satisfies Partial<Stripe.Invoice>;

/** A decimal field as it travels (`"900"`); the SDK's type is the form it parses that into. */
export function decimalText(amount: number): string {
  return String(amount);
}

/** The legacy Plan Stripe still shows on each subscription item: the item's price in Plan's shape. */
export function planOfPrice(price: {
  id: string;
  active: boolean;
  unit_amount: number;
  created: number;
  currency: string;
  product: string;
  recurring: { interval: Stripe.Plan.Interval; interval_count: number };
}): Stripe.Plan {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: decimalText(price.unit_amount) as unknown as Stripe.Plan['amount_decimal'],
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: price.recurring.interval,
    interval_count: price.recurring.interval_count,
    livemode: false,
    metadata: {},
    meter: null,
    nickname: null,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: 'licensed',
  };
}
