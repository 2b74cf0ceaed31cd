import { z } from 'zod';
import {
  activateInput,
  checkInInput,
  machineInput,
  usageInput,
  validateInput,
} from '../../../shared/licensing/api-schema';
import { VALIDATION_CODES } from '../../../shared/licensing/decision';

/**
 * The licensing operations in the OpenAPI document (zod-openapi path items, merged with the
 * procedures' paths by trpc-to-openapi): their inputs are the schemas licensing.ts checks,
 * their answers the objects below. The router reads its routes from the document, so an
 * operation listed here is routed, and licensing.ts answers it.
 */

const time = z.int().meta({ description: 'UTC epoch milliseconds' });

const ACTION_CODES = [...VALIDATION_CODES, 'MACHINES_NOT_USED', 'MACHINE_NOT_FOUND'] as const;

export const licenseSummaryObject = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(['ACTIVE', 'SUSPENDED']),
    product: z.string().meta({ description: 'The product the license is for (prd_…)' }),
    expires_at: time.nullable().meta({ description: 'null: never expires' }),
    last_check_in_at: time.nullable(),
    entitlements: z.array(z.string()),
    machines: z.int().meta({ description: 'Machines activated now' }),
  })
  .meta({ id: 'LicenseSummary' });

export const licenseValidationObject = z
  .object({
    object: z.literal('license_validation'),
    valid: z.boolean().meta({ description: 'Whether the app may run; read `code` for why' }),
    code: z.enum(VALIDATION_CODES),
    detail: z.string().meta({ description: 'One sentence for people' }),
    license: licenseSummaryObject.nullable().meta({ description: 'null with NOT_FOUND' }),
  })
  .meta({ id: 'LicenseValidation' });

export const licenseMachineObject = z
  .object({
    id: z.string(),
    fingerprint: z.string(),
    name: z.string().nullable(),
    platform: z.string().nullable(),
    activated_at: time,
    last_heartbeat_at: time.nullable(),
  })
  .meta({ id: 'LicenseMachine' });

export const licenseActionObject = z
  .object({
    object: z.literal('license_action'),
    ok: z.boolean().meta({ description: 'Whether the action was done' }),
    code: z.enum(ACTION_CODES).meta({
      description:
        'Refused: why. Done: the validation decision for the key (and fingerprint) as they now stand',
    }),
    detail: z.string(),
    changed: z
      .boolean()
      .meta({ description: 'Whether anything was written (an active fingerprint is not activated twice)' }),
    machine: licenseMachineObject.nullable(),
    license: licenseSummaryObject.nullable(),
  })
  .meta({ id: 'LicenseAction' });

export const keySetObject = z
  .object({
    object: z.literal('key_set'),
    keys: z.array(
      z.object({
        kid: z.string(),
        kty: z.literal('OKP'),
        crv: z.literal('Ed25519'),
        x: z.string().meta({ description: 'The 32-byte public key, base64url' }),
        status: z.enum(['active', 'retired']),
        retiredAt: time
          .optional()
          .meta({ description: 'A retired key verifies only what it signed before this' }),
      }),
    ),
  })
  .meta({ id: 'KeySet' });

export const licenseUsageObject = z
  .object({
    object: z.literal('license_usage'),
    ok: z.boolean(),
    code: z.enum(ACTION_CODES),
    detail: z.string(),
    events: z.array(
      z.object({
        id: z.string(),
        status: z.enum(['APPLIED', 'DUPLICATE', 'CONFLICT', 'OVER_LIMIT']),
        period: z
          .string()
          .meta({ description: "'YYYY-MM', or the subscription period's start 'YYYY-MM-DDTHH:mm' (UTC)" }),
        total: z.int().meta({ description: 'The period’s total of the metric after the event' }),
        alerts: z.array(z.int()).meta({ description: 'Thresholds (80, 100 %) this event passed' }),
      }),
    ),
  })
  .meta({ id: 'LicenseUsage' });

const SECURITY = [{}, { ApiKey: [] }];

function post(
  operationId: string,
  summary: string,
  description: string,
  input: z.ZodType,
  output: z.ZodType,
) {
  return {
    post: {
      operationId,
      tags: ['Licensing'],
      summary,
      description: `${description} Authenticated by the license key in the body; a service may add its API key (scope licensing.read to validate, licensing.manage otherwise), which limits it to its workspace's licenses.`,
      security: SECURITY,
      requestBody: { required: true, content: { 'application/json': { schema: input } } },
      responses: {
        '200': { description: 'The answer', content: { 'application/json': { schema: output } } },
      },
    },
  };
}

export const LICENSING_PATHS = {
  '/licenses/validate': post(
    'licenses-validate',
    'Validate a license key',
    'The validation decision: `valid` and an explicit `code`, checked in a documented order. A key no license has (or a revoked license’s) answers 200 with NOT_FOUND.',
    validateInput,
    licenseValidationObject,
  ),
  '/licenses/activate': post(
    'licenses-activate',
    'Activate a machine',
    'Activates the fingerprint on the license, within the policy’s machine limit; an active fingerprint answers its machine.',
    activateInput,
    licenseActionObject,
  ),
  '/licenses/deactivate': post(
    'licenses-deactivate',
    'Deactivate a machine',
    'Frees the fingerprint’s place on the license.',
    machineInput,
    licenseActionObject,
  ),
  '/licenses/check-in': post(
    'licenses-checkIn',
    'Check in',
    'Records that the license was heard from: the policy’s check-in interval runs from now.',
    checkInInput,
    licenseActionObject,
  ),
  '/licenses/usage': post(
    'licenses-usage',
    'Report usage',
    'Usage events (at most 100 a call), each stored once per event id and counted in the period it happened in; an unknown metric is a 400 naming it.',
    usageInput,
    licenseUsageObject,
  ),
  '/licensing/keys': {
    get: {
      operationId: 'licensing-keys',
      tags: ['Licensing'],
      summary: 'The published signing keys',
      description:
        'The workspace’s Ed25519 public keys (JWKS-like), to verify license keys and files offline (docs/licensing.md). Public: name the workspace with `tenant`, or send its API key.',
      security: SECURITY,
      requestParams: {
        query: z.object({
          tenant: z
            .string()
            .regex(/^ten_[0-9A-Z]{26}$/)
            .optional()
            .meta({ description: 'The workspace (ten_…); the API key’s own when one is sent' }),
        }),
      },
      responses: {
        '200': { description: 'The key set', content: { 'application/json': { schema: keySetObject } } },
      },
    },
  },
  '/licenses/heartbeat': post(
    'licenses-heartbeat',
    'A machine’s heartbeat',
    'Records that the machine is alive: its heartbeat TTL runs from now.',
    machineInput,
    licenseActionObject,
  ),
};

/** Whether a document path (relative to /api/v1) is a licensing operation. */
export const isLicensingPath = (template: string) => template in LICENSING_PATHS;
