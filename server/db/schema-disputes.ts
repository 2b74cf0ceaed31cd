/** Tables of migration 0007_disputes, as Kysely sees them. */
export interface DisputeTables {
  disputes: {
    id: string;
    tenant_id: string;
    payment_id: string;
    invoice_id: string;
    customer_id: string;
    amount: number;
    currency: string;
    /** Stripe's reason (fraudulent, product_not_received, …). */
    reason: string;
    /** Stripe's status (needs_response, under_review, won, lost, …). */
    status: string;
    /** Stripe's dispute id. */
    gateway_ref: string;
    opened_at: number;
    created_at: number;
    updated_at: number;
  };
}
