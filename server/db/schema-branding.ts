/** Tables of migration 0032_branding, as Kysely sees them (server/modules/branding owns them). */

export type BrandingStatus = 'draft' | 'published' | 'superseded';

export interface BrandingTables {
  /** One version of a scope's white-label branding: the workspace's (customer_id null) or an account's. */
  branding_versions: {
    id: string;
    tenant_id: string;
    customer_id: string | null;
    /** The scope's versions counted from 1. */
    number: number;
    status: BrandingStatus;
    product_name: string;
    /** A data: URL, PNG or sanitized SVG; null for none. */
    logo: string | null;
    /** JSON: { primary, accent, background, text }, each '#rrggbb'. */
    colors: string;
    custom_domain: string | null;
    sender_name: string | null;
    reply_to: string | null;
    /** The version a restore copied into this one. */
    restored_from: string | null;
    created_by: string | null;
    created_at: number;
    updated_at: number;
    published_at: number | null;
    /** Who published it, by name (as the audit trail names actors). */
    published_by: string | null;
  };
}
