// Generated from /api/v1/openapi.json by openapi-typescript; `vitest -u` rewrites it.
export interface paths {
    "/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List customers, newest first */
        get: operations["customers-list"];
        put?: never;
        /** Create a customer */
        post: operations["customers-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search customers
         * @description By words of the name or company, or the start of an email address.
         */
        get: operations["customers-search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a customer */
        get: operations["customers-retrieve"];
        put?: never;
        /**
         * Update a customer
         * @description Changes the fields sent; the others stay as they are.
         */
        post: operations["customers-update"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List subscriptions, newest first */
        get: operations["subscriptions-list"];
        put?: never;
        /**
         * Subscribe a customer to a price
         * @description Starts the trial, or invoices the first period and collects it from the customer’s default payment method.
         */
        post: operations["subscriptions-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a subscription */
        get: operations["subscriptions-retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/subscriptions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a subscription
         * @description `when: "now"` ends it at once (with `prorate`, the unused paid time becomes credit); `"period_end"` lets it run to the end of the paid period.
         */
        post: operations["subscriptions-cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/subscriptions/{id}/change_plan/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Preview a plan change
         * @description What changing to `price` would invoice now (proration) and when; nothing is changed.
         */
        get: operations["subscriptions-previewChange"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/subscriptions/{id}/change_plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the plan (price or seats) of a subscription
         * @description Applies what the preview shows; an upgrade invoices the prorated difference at once.
         */
        post: operations["subscriptions-changePlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve an invoice with its lines */
        get: operations["invoices-retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List invoices, newest first */
        get: operations["invoices-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a payment */
        get: operations["payments-retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List payments, newest first */
        get: operations["payments-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entitlements/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * May this customer use this feature?
         * @description The answer apps ask on every request: `allowed`, the `limit` for a metered feature, and the `reason` (which subscription or default plan decides it).
         */
        get: operations["entitlements-check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invoices/{id}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an invoice’s receipt (PDF)
         * @description The receipt of a paid invoice, as the console offers it.
         */
        get: operations["invoices-receipt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/licenses/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Validate a license key
         * @description The validation decision: `valid` and an explicit `code`, checked in a documented order. A key no license has (or a revoked license’s) answers 200 with NOT_FOUND. Authenticated by the license key in the body; a service may add its API key (scope licensing.read to validate, licensing.manage otherwise), which limits it to its workspace's licenses.
         */
        post: operations["licenses-validate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/licenses/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate a machine
         * @description Activates the fingerprint on the license, within the policy’s machine limit; an active fingerprint answers its machine. Authenticated by the license key in the body; a service may add its API key (scope licensing.read to validate, licensing.manage otherwise), which limits it to its workspace's licenses.
         */
        post: operations["licenses-activate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/licenses/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate a machine
         * @description Frees the fingerprint’s place on the license. Authenticated by the license key in the body; a service may add its API key (scope licensing.read to validate, licensing.manage otherwise), which limits it to its workspace's licenses.
         */
        post: operations["licenses-deactivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/licenses/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check in
         * @description Records that the license was heard from: the policy’s check-in interval runs from now. Authenticated by the license key in the body; a service may add its API key (scope licensing.read to validate, licensing.manage otherwise), which limits it to its workspace's licenses.
         */
        post: operations["licenses-checkIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/licenses/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report usage
         * @description Usage events (at most 100 a call), each stored once per event id and counted in the period it happened in; an unknown metric is a 400 naming it. Authenticated by the license key in the body; a service may add its API key (scope licensing.read to validate, licensing.manage otherwise), which limits it to its workspace's licenses.
         */
        post: operations["licenses-usage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/licensing/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The published signing keys
         * @description The workspace’s Ed25519 public keys (JWKS-like), to verify license keys and files offline (docs/licensing.md). Public: name the workspace with `tenant`, or send its API key.
         */
        get: operations["licensing-keys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/licenses/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A machine’s heartbeat
         * @description Records that the machine is alive: its heartbeat TTL runs from now. Authenticated by the license key in the body; a service may add its API key (scope licensing.read to validate, licensing.manage otherwise), which limits it to its workspace's licenses.
         */
        post: operations["licenses-heartbeat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Customer: {
            /** @constant */
            object: "customer";
            id: string;
            name: string;
            email: string;
            /** @description ISO 3166 alpha-2 */
            country: string;
            company: string | null;
            /** @enum {string} */
            status: "active" | "archived";
            /** @description Goes up by one with each change */
            version: number;
            /** @description UTC epoch milliseconds */
            created_at: number;
            /** @description UTC epoch milliseconds */
            updated_at: number;
        };
        CustomerList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Customer"][];
            /** @description Whether another page follows the last object */
            has_more: boolean;
        };
        Subscription: {
            /** @constant */
            object: "subscription";
            id: string;
            customer: string;
            plan: string;
            price: string;
            quantity: number;
            /** @description ISO 4217 code, lower or upper case as stored */
            currency: string;
            /** @enum {string} */
            status: "incomplete" | "trialing" | "active" | "past_due" | "paused" | "canceled" | "unpaid";
            /** @description UTC epoch milliseconds */
            current_period_start: number;
            /** @description UTC epoch milliseconds */
            current_period_end: number;
            trial_start: number | null;
            trial_end: number | null;
            cancel_at_period_end: boolean;
            canceled_at: number | null;
            ended_at: number | null;
            /** @description A change that starts at period end */
            pending_price: string | null;
            pending_quantity: number | null;
            /** @enum {string} */
            managed_by: "tollgate" | "stripe";
            /** @description The newest invoice’s id */
            latest_invoice: string | null;
            version: number;
            /** @description UTC epoch milliseconds */
            created_at: number;
        };
        SubscriptionList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["SubscriptionListItem"][];
            /** @description Whether another page follows the last object */
            has_more: boolean;
        };
        SubscriptionListItem: {
            /** @constant */
            object: "subscription";
            id: string;
            customer: string;
            plan_name: string;
            quantity: number;
            /** @description Price × quantity per interval, minor units */
            amount: number;
            /** @description ISO 4217 code, lower or upper case as stored */
            currency: string;
            interval: string;
            /** @enum {string} */
            status: "incomplete" | "trialing" | "active" | "past_due" | "paused" | "canceled" | "unpaid";
            /** @description UTC epoch milliseconds */
            current_period_end: number;
            trial_end: number | null;
            cancel_at_period_end: boolean;
            /** @enum {string} */
            managed_by: "tollgate" | "stripe";
            /** @description UTC epoch milliseconds */
            created_at: number;
        };
        PlanChangePreview: {
            /** @constant */
            object: "plan_change_preview";
            /** @description upgrade, downgrade, or another kind of change */
            kind: string;
            /** @enum {string} */
            timing: "now" | "period_end";
            effective_at: number;
            currency: string;
            from: {
                price: string;
                plan_name: string;
                interval: string;
                quantity: number;
                /** @description Per interval, minor units */
                amount: number;
            };
            to: {
                price: string;
                plan_name: string;
                interval: string;
                quantity: number;
                /** @description Per interval, minor units */
                amount: number;
            };
            lines: {
                description: string;
                amount: number;
                kind: string;
            }[];
            subtotal: number;
            credit_applied: number;
            /** @description What the change invoices now (minor units) */
            amount_due: number;
            /** @description The customer’s credit balance afterwards */
            balance_after: number;
            next_renewal_at: number;
        };
        Invoice: {
            /** @constant */
            object: "invoice";
            id: string;
            number: string | null;
            /** @enum {string} */
            status: "draft" | "open" | "paid" | "void" | "uncollectible";
            customer: string;
            subscription: string | null;
            /** @description ISO 4217 code, lower or upper case as stored */
            currency: string;
            /** @description Integer minor units (cents) of `currency` */
            total: number;
            /** @description Integer minor units (cents) of `currency` */
            amount_due: number;
            /** @description Integer minor units (cents) of `currency` */
            amount_paid: number;
            /** @description Integer minor units (cents) of `currency` */
            amount_refunded: number;
            period_start: number | null;
            period_end: number | null;
            /** @description UTC epoch milliseconds */
            created_at: number;
            /** @description Integer minor units (cents) of `currency` */
            subtotal: number;
            /** @description Integer minor units (cents) of `currency` */
            credit_applied: number;
            finalized_at: number | null;
            paid_at: number | null;
            lines: components["schemas"]["InvoiceLine"][];
        };
        InvoiceLine: {
            /** @enum {string} */
            kind: "plan" | "proration" | "one_off" | "credit";
            description: string;
            price: string | null;
            quantity: number;
            /** @description Integer minor units (cents) of `currency` */
            unit_amount: number;
            /** @description Integer minor units (cents) of `currency` */
            amount: number;
            period_start: number | null;
            period_end: number | null;
        };
        InvoiceList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["InvoiceListItem"][];
            /** @description Whether another page follows the last object */
            has_more: boolean;
        };
        InvoiceListItem: {
            /** @constant */
            object: "invoice";
            id: string;
            number: string | null;
            /** @enum {string} */
            status: "draft" | "open" | "paid" | "void" | "uncollectible";
            customer: string;
            subscription: string | null;
            /** @description ISO 4217 code, lower or upper case as stored */
            currency: string;
            /** @description Integer minor units (cents) of `currency` */
            total: number;
            /** @description Integer minor units (cents) of `currency` */
            amount_due: number;
            /** @description Integer minor units (cents) of `currency` */
            amount_paid: number;
            /** @description Integer minor units (cents) of `currency` */
            amount_refunded: number;
            period_start: number | null;
            period_end: number | null;
            /** @description UTC epoch milliseconds */
            created_at: number;
        };
        Payment: {
            /** @constant */
            object: "payment";
            id: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "requires_action";
            /** @description Integer minor units (cents) of `currency` */
            amount: number;
            /** @description Integer minor units (cents) of `currency` */
            amount_refunded: number;
            /** @description ISO 4217 code, lower or upper case as stored */
            currency: string;
            customer: string;
            invoice: string;
            failure_code: string | null;
            failure_message: string | null;
            attempt_number: number;
            /** @description UTC epoch milliseconds */
            created_at: number;
        };
        PaymentList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Payment"][];
            /** @description Whether another page follows the last object */
            has_more: boolean;
        };
        EntitlementCheck: {
            /** @constant */
            object: "entitlement_check";
            customer: string;
            feature: string;
            /** @enum {string} */
            kind: "flag" | "limit";
            allowed: boolean;
            /** @description The cap; null for unlimited (or a flag that is on) */
            limit: number | null;
            /** @description One sentence saying where the answer comes from */
            reason: string;
        };
        LicenseValidation: {
            /** @constant */
            object: "license_validation";
            /** @description Whether the app may run; read `code` for why */
            valid: boolean;
            /** @enum {string} */
            code: "VALID" | "NOT_FOUND" | "SUSPENDED" | "EXPIRED" | "OVERDUE" | "PRODUCT_SCOPE_MISMATCH" | "ENTITLEMENTS_MISSING" | "USER_SCOPE_MISMATCH" | "NO_MACHINE" | "NO_MACHINES" | "FINGERPRINT_SCOPE_MISMATCH" | "HEARTBEAT_DEAD" | "TOO_MANY_MACHINES" | "TOO_MANY_USERS" | "USAGE_LIMIT_EXCEEDED";
            /** @description One sentence for people */
            detail: string;
            /** @description null with NOT_FOUND */
            license: components["schemas"]["LicenseSummary"] | null;
        };
        LicenseSummary: {
            id: string;
            name: string;
            /** @enum {string} */
            status: "ACTIVE" | "SUSPENDED";
            /** @description The product the license is for (prd_…) */
            product: string;
            /** @description null: never expires */
            expires_at: number | null;
            last_check_in_at: number | null;
            entitlements: string[];
            /** @description Machines activated now */
            machines: number;
        };
        LicenseAction: {
            /** @constant */
            object: "license_action";
            /** @description Whether the action was done */
            ok: boolean;
            /**
             * @description Refused: why. Done: the validation decision for the key (and fingerprint) as they now stand
             * @enum {string}
             */
            code: "VALID" | "NOT_FOUND" | "SUSPENDED" | "EXPIRED" | "OVERDUE" | "PRODUCT_SCOPE_MISMATCH" | "ENTITLEMENTS_MISSING" | "USER_SCOPE_MISMATCH" | "NO_MACHINE" | "NO_MACHINES" | "FINGERPRINT_SCOPE_MISMATCH" | "HEARTBEAT_DEAD" | "TOO_MANY_MACHINES" | "TOO_MANY_USERS" | "USAGE_LIMIT_EXCEEDED" | "MACHINES_NOT_USED" | "MACHINE_NOT_FOUND";
            detail: string;
            /** @description Whether anything was written (an active fingerprint is not activated twice) */
            changed: boolean;
            machine: components["schemas"]["LicenseMachine"] | null;
            license: components["schemas"]["LicenseSummary"] | null;
        };
        LicenseMachine: {
            id: string;
            fingerprint: string;
            name: string | null;
            platform: string | null;
            /** @description UTC epoch milliseconds */
            activated_at: number;
            last_heartbeat_at: number | null;
        };
        LicenseUsage: {
            /** @constant */
            object: "license_usage";
            ok: boolean;
            /** @enum {string} */
            code: "VALID" | "NOT_FOUND" | "SUSPENDED" | "EXPIRED" | "OVERDUE" | "PRODUCT_SCOPE_MISMATCH" | "ENTITLEMENTS_MISSING" | "USER_SCOPE_MISMATCH" | "NO_MACHINE" | "NO_MACHINES" | "FINGERPRINT_SCOPE_MISMATCH" | "HEARTBEAT_DEAD" | "TOO_MANY_MACHINES" | "TOO_MANY_USERS" | "USAGE_LIMIT_EXCEEDED" | "MACHINES_NOT_USED" | "MACHINE_NOT_FOUND";
            detail: string;
            events: {
                id: string;
                /** @enum {string} */
                status: "APPLIED" | "DUPLICATE" | "CONFLICT" | "OVER_LIMIT";
                /** @description 'YYYY-MM', or the subscription period's start 'YYYY-MM-DDTHH:mm' (UTC) */
                period: string;
                /** @description The period’s total of the metric after the event */
                total: number;
                /** @description Thresholds (80, 100 %) this event passed */
                alerts: number[];
            }[];
        };
        KeySet: {
            /** @constant */
            object: "key_set";
            keys: {
                kid: string;
                /** @constant */
                kty: "OKP";
                /** @constant */
                crv: "Ed25519";
                /** @description The 32-byte public key, base64url */
                x: string;
                /** @enum {string} */
                status: "active" | "retired";
                /** @description A retired key verifies only what it signed before this */
                retiredAt?: number;
            }[];
        };
        /** @description Every failure, from every operation, has this shape. */
        Error: {
            error: {
                /**
                 * @description The kind of failure, as Stripe names them
                 * @enum {string}
                 */
                type: "invalid_request_error" | "authentication_error" | "permission_error" | "rate_limit_error" | "idempotency_error" | "card_error" | "api_error";
                /** @description A stable, machine-readable code (snake_case) */
                code: string;
                /** @description What went wrong, for people; never internals */
                message: string;
                /** @description The request field at fault (dotted path), or null */
                param: string | null;
            };
        };
    };
    responses: {
        /** @description The request is invalid: a parameter, the body or the route (see error.param) */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No API key, or one that is not valid or was revoked */
        Unauthenticated: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The key’s role (or scopes) does not allow this operation */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such object in the key’s workspace, or no such route */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The object changed meanwhile, or an Idempotency-Key is in use or reused */
        Conflict: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is larger than the limit */
        TooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many requests: wait Retry-After seconds */
        RateLimited: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                /** @description Seconds to wait before trying again */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Something failed on our side; the message carries the request’s reference */
        Internal: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description This request’s reference (give it to support) */
        "X-Request-Id": string;
        /** @description Requests this key may make per second, sustained */
        "RateLimit-Limit": number;
        /** @description Requests left in the current second */
        "RateLimit-Remaining": number;
        /** @description Seconds until the allowance refills */
        "RateLimit-Reset": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "customers-list": {
        parameters: {
            query?: {
                limit?: number;
                starting_after?: string;
                status?: "active" | "archived" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "customers-create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique text up to 255 characters. Sent again with the same body within 24 hours, the first answer is replayed instead of acting twice; with a different body it is refused (409). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    email: string;
                    country: string;
                    company?: string | null;
                    notes?: string | null;
                };
            };
        };
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "customers-search": {
        parameters: {
            query: {
                limit?: number;
                starting_after?: string;
                status?: "active" | "archived" | "all";
                /** @description What to look for */
                query: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "customers-retrieve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "customers-update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique text up to 255 characters. Sent again with the same body within 24 hours, the first answer is replayed instead of acting twice; with a different body it is refused (409). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    email?: string;
                    country?: string;
                    company?: string | null;
                };
            };
        };
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "subscriptions-list": {
        parameters: {
            query?: {
                limit?: number;
                starting_after?: string;
                customer?: string;
                status?: "incomplete" | "trialing" | "active" | "past_due" | "paused" | "canceled" | "unpaid";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "subscriptions-create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique text up to 255 characters. Sent again with the same body within 24 hours, the first answer is replayed instead of acting twice; with a different body it is refused (409). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer: string;
                    price: string;
                    /** @default 1 */
                    quantity?: number;
                    trial_days?: number;
                    payment_method?: string;
                    /**
                     * @default cancel
                     * @enum {string}
                     */
                    trial_end_behavior?: "cancel" | "incomplete";
                };
            };
        };
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "subscriptions-retrieve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "subscriptions-cancel": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique text up to 255 characters. Sent again with the same body within 24 hours, the first answer is replayed instead of acting twice; with a different body it is refused (409). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    when: "now" | "period_end";
                    /** @default false */
                    prorate?: boolean;
                };
            };
        };
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "subscriptions-previewChange": {
        parameters: {
            query: {
                price: string;
                /** @description Seats of the new price */
                quantity: number;
                timing?: "now" | "period_end";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanChangePreview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "subscriptions-changePlan": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique text up to 255 characters. Sent again with the same body within 24 hours, the first answer is replayed instead of acting twice; with a different body it is refused (409). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    price: string;
                    /** @default 1 */
                    quantity?: number;
                    /** @enum {string} */
                    timing?: "now" | "period_end";
                };
            };
        };
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "invoices-retrieve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "invoices-list": {
        parameters: {
            query?: {
                limit?: number;
                starting_after?: string;
                customer?: string;
                subscription?: string;
                status?: "draft" | "open" | "paid" | "void" | "uncollectible";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "payments-retrieve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "payments-list": {
        parameters: {
            query?: {
                limit?: number;
                starting_after?: string;
                customer?: string;
                status?: "pending" | "succeeded" | "failed" | "requires_action";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "entitlements-check": {
        parameters: {
            query: {
                /** @description The customer’s id (cus_…) */
                customer: string;
                /** @description The feature’s key, as set in the catalog */
                feature: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntitlementCheck"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "invoices-receipt": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The receipt */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "licenses-validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    fingerprint?: string;
                    scope?: {
                        product?: string;
                        entitlements?: string[];
                        user?: string;
                    };
                };
            };
        };
        responses: {
            /** @description The answer */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LicenseValidation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "licenses-activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    fingerprint: string;
                    name?: string;
                    platform?: string;
                };
            };
        };
        responses: {
            /** @description The answer */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LicenseAction"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "licenses-deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    fingerprint: string;
                };
            };
        };
        responses: {
            /** @description The answer */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LicenseAction"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "licenses-checkIn": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                };
            };
        };
        responses: {
            /** @description The answer */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LicenseAction"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "licenses-usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    events: {
                        id: string;
                        metric: string;
                        quantity: number;
                        occurred_at: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description The answer */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LicenseUsage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "licensing-keys": {
        parameters: {
            query?: {
                /** @description The workspace (ten_…); the API key’s own when one is sent */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key set */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeySet"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
    "licenses-heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    fingerprint: string;
                };
            };
        };
        responses: {
            /** @description The answer */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LicenseAction"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            default: components["responses"]["Internal"];
        };
    };
}
