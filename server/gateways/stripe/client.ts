import Stripe from 'stripe';
import type { GatewayConfig } from '../config';

export interface StripeClientOptions {
  secretKey: string;
  /** Where the API is; only tests point these elsewhere (at the Stripe-compatible fake). */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** Defaults to the version the SDK is pinned to, which its types describe. */
  apiVersion?: string;
  /**
   * The SDK's own retries of network failures, 409s and 5xx, with backoff. They reuse our
   * idempotency key, so they never double a write. Defaults to the SDK's 2.
   */
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

/** The one place a Stripe SDK client is built, so every caller gets the same settings. */
export function createStripeClient(options: StripeClientOptions): Stripe {
  return new Stripe(options.secretKey, {
    host: options.host,
    port: options.port,
    protocol: options.protocol,
    apiVersion: options.apiVersion as Stripe.LatestApiVersion | undefined,
    maxNetworkRetries: options.maxNetworkRetries,
    timeout: options.timeoutMs,
    telemetry: false,
    appInfo: { name: 'Tollgate' },
  });
}

// One client per configuration: the SDK keeps a connection pool, worth sharing.
const clients = new WeakMap<GatewayConfig, Stripe>();

/** The configuration's client; the config must hold a secret key. */
export function stripeClientFromConfig(config: GatewayConfig): Stripe {
  if (!config.stripeSecretKey) throw new Error('no Stripe secret key is configured');
  let client = clients.get(config);
  if (!client) {
    client = createStripeClient({
      secretKey: config.stripeSecretKey,
      host: config.stripeHost,
      port: config.stripePort,
      protocol: config.stripeProtocol,
    });
    clients.set(config, client);
  }
  return client;
}
