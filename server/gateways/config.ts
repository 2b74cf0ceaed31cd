import { z } from 'zod';

/** How the payment gateway is configured: Stripe when a secret key is given, else the sandbox. */
export interface GatewayConfig {
  stripeSecretKey?: string;
  /** Only for pointing at a Stripe-compatible fake in tests; production talks to api.stripe.com. */
  stripeHost?: string;
  stripePort?: number;
  stripeProtocol?: 'http' | 'https';
}

const STRIPE_KEY = /^(?:sk|rk)_(?:test|live)_[A-Za-z0-9]+$/;
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

/** Unset and empty are the same thing for an environment variable. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );

/**
 * The gateway's environment variables. Messages name the variable and never repeat its
 * value: zod leaves the input out of its issues, and the messages are ours.
 */
export const gatewayEnvSchema = z
  .object({
    STRIPE_SECRET_KEY: optional(
      z
        .string()
        .trim()
        .regex(
          STRIPE_KEY,
          'STRIPE_SECRET_KEY must be a Stripe secret or restricted key: sk_ or rk_, then test_ or live_, then the key',
        ),
    ),
    STRIPE_API_HOST: optional(
      z.string().regex(/^[A-Za-z0-9.:-]+$/, 'STRIPE_API_HOST must be a host name or address'),
    ),
    STRIPE_API_PORT: optional(
      z.coerce.number().int().min(1).max(65535, 'STRIPE_API_PORT must be a whole number from 1 to 65535'),
    ),
    STRIPE_API_PROTOCOL: optional(z.enum(['http', 'https'], 'STRIPE_API_PROTOCOL must be http or https')),
  })
  .refine((env) => env.STRIPE_API_PROTOCOL !== 'http' || LOOPBACK_HOSTS.includes(env.STRIPE_API_HOST ?? ''), {
    // The secret key travels in every request's Authorization header.
    message:
      'STRIPE_API_PROTOCOL=http is only allowed with a loopback STRIPE_API_HOST, so the key never crosses a network in clear',
    path: ['STRIPE_API_PROTOCOL'],
  });

/** Reads the gateway configuration from the environment, or throws naming each bad variable. */
export function gatewayConfigFromEnv(env: Record<string, string | undefined>): GatewayConfig {
  const parsed = gatewayEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message);
    throw new Error(`Invalid payment gateway configuration: ${problems.join('; ')}`);
  }
  const { STRIPE_SECRET_KEY, STRIPE_API_HOST, STRIPE_API_PORT, STRIPE_API_PROTOCOL } = parsed.data;
  return {
    stripeSecretKey: STRIPE_SECRET_KEY,
    stripeHost: STRIPE_API_HOST,
    stripePort: STRIPE_API_PORT,
    stripeProtocol: STRIPE_API_PROTOCOL,
  };
}
