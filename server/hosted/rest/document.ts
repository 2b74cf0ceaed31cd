import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { restErrorSchema } from './errors';
import { isLicensingPath, LICENSING_PATHS } from './licensing-document';
import { restOpenApiRouter } from './router';

/**
 * The OpenAPI 3.1 document of `/api/v1`, generated from the REST procedures' zod schemas by
 * trpc-to-openapi, then given what the generator cannot know: the one error shape (its
 * own error schemas are replaced), the rate-limit and request-id headers, Idempotency-Key,
 * and the receipt PDF, which a small route answers beside the procedures (binary).
 */

export const REST_PREFIX = '/api/v1';

const ID_PATTERN = (prefix: string) => `^${prefix}_[0-9A-Z]{26}$`;

const header = (description: string, type: 'integer' | 'string' = 'integer') => ({
  description,
  schema: { type },
});

const HEADERS = {
  'X-Request-Id': header('This request’s reference (give it to support)', 'string'),
  'RateLimit-Limit': header('Requests this key may make per second, sustained'),
  'RateLimit-Remaining': header('Requests left in the current second'),
  'RateLimit-Reset': header('Seconds until the allowance refills'),
};

const errorResponse = (description: string, extra: Record<string, unknown> = {}) => ({
  description,
  headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' }, ...extra },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const RESPONSES = {
  BadRequest: errorResponse('The request is invalid: a parameter, the body or the route (see error.param)'),
  Unauthenticated: errorResponse('No API key, or one that is not valid or was revoked'),
  Forbidden: errorResponse('The key’s role (or scopes) does not allow this operation'),
  NotFound: errorResponse('No such object in the key’s workspace, or no such route'),
  Conflict: errorResponse('The object changed meanwhile, or an Idempotency-Key is in use or reused'),
  TooLarge: errorResponse('The body is larger than the limit'),
  RateLimited: errorResponse('Too many requests: wait Retry-After seconds', {
    'Retry-After': header('Seconds to wait before trying again'),
  }),
  Internal: errorResponse('Something failed on our side; the message carries the request’s reference'),
};

const ERROR_REFS: Record<string, keyof typeof RESPONSES> = {
  '400': 'BadRequest',
  '401': 'Unauthenticated',
  '403': 'Forbidden',
  '404': 'NotFound',
  '429': 'RateLimited',
  '500': 'Internal',
};
const WRITE_ERROR_REFS: Record<string, keyof typeof RESPONSES> = { '409': 'Conflict', '413': 'TooLarge' };

const ref = (name: keyof typeof RESPONSES) => ({ $ref: `#/components/responses/${name}` });

const IDEMPOTENCY_KEY = {
  in: 'header',
  name: 'Idempotency-Key',
  required: false,
  description:
    'Any unique text up to 255 characters. Sent again with the same body within 24 hours, the first answer is replayed instead of acting twice; with a different body it is refused (409).',
  schema: { type: 'string', maxLength: 255 },
};

const RECEIPT_PATH = {
  '/invoices/{id}/receipt': {
    get: {
      operationId: 'invoices-receipt',
      tags: ['Invoices'],
      summary: 'Download an invoice’s receipt (PDF)',
      description: 'The receipt of a paid invoice, as the console offers it.',
      security: [{ ApiKey: [] }],
      parameters: [
        { in: 'path', name: 'id', required: true, schema: { type: 'string', pattern: ID_PATTERN('inv') } },
      ],
      responses: {
        '200': {
          description: 'The receipt',
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
      },
    },
  },
} as const;

type Operation = { responses?: Record<string, unknown>; parameters?: unknown[] };

/**
 * Swaps the generator's error responses for ours and names the headers every answer has.
 * The licensing operations take no Idempotency-Key: validation reads, and the rest are
 * idempotent by themselves (a fingerprint, an event id).
 */
function withOurErrors(method: string, operation: Operation, idempotent: boolean): void {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (!status.startsWith('2')) continue;
    const success = response as { headers?: Record<string, unknown> };
    success.headers = Object.fromEntries(
      Object.keys(HEADERS).map((name) => [name, { $ref: `#/components/headers/${name}` }]),
    );
    responses[status] = success;
  }
  for (const [status, name] of Object.entries(ERROR_REFS)) responses[status] = ref(name);
  if (method === 'post' && idempotent) {
    for (const [status, name] of Object.entries(WRITE_ERROR_REFS)) responses[status] = ref(name);
    operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_KEY];
  } else if (method === 'post') {
    responses['413'] = ref('TooLarge');
  }
  responses.default = ref('Internal');
  operation.responses = responses;
}

/** The document; its server URL is relative (/api/v1), so it holds wherever the server is reached. */
export function restDocument(): OpenAPIObject {
  const document = generateOpenApiDocument(restOpenApiRouter, {
    title: 'Tollgate API',
    version: '1',
    description:
      'Customers, subscriptions, invoices, payments, entitlement checks and licensing (validate a license key, activate machines, check in, report usage). Authenticate with an API key made in the console: `Authorization: Bearer tg_key_…`. Every failure answers `{"error": {type, code, message, param}}`. Lists page with `limit` and `starting_after`.',
    baseUrl: REST_PREFIX,
    securitySchemes: {
      ApiKey: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'tg_key_…',
        description: 'An API key of the workspace',
      },
    },
    paths: { ...RECEIPT_PATH, ...LICENSING_PATHS } as never,
    defs: { Error: restErrorSchema },
  });
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      withOurErrors(method, operation, !isLicensingPath(path));
    }
  }
  const components = document.components ?? {};
  const schemas = Object.fromEntries(
    Object.entries(components.schemas ?? {}).filter(([name]) => !name.startsWith('error.')),
  );
  document.components = { ...components, schemas, headers: HEADERS, responses: RESPONSES };
  return document;
}
