import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeStripeError, invalidRequest } from './errors';
import { FAKE_ACCOUNT_API_VERSION } from './events';
import { expanded } from './expand';
import { parseForm, type FormObject } from './form';
import { IdempotencyLayer, requestSignature } from './idempotency';
import { matchRoute } from './routes';
import { FakeStripeStore } from './store';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The parsed form body of a POST, or the parsed query string of a GET. */
  form: FormObject;
  /** Lowercased request headers, without Authorization: its value is the secret key. */
  headers: Record<string, string>;
  /** The status answered; null while in flight or when the connection was dropped. */
  status: number | null;
  replayed: boolean;
}

/** A failure to answer the next request with, instead of processing it normally. */
export type InjectedFailure =
  | { status: number; type: string; message?: string; code?: string }
  /** Destroys the socket before the request is processed, or after (so the work is done but the answer is lost). */
  | { dropConnection: 'before_processing' | 'after_processing' };

export interface FakeStripe {
  host: string;
  port: number;
  protocol: 'http';
  /** The one key this fake account accepts. */
  secretKey: string;
  requests: RecordedRequest[];
  /** The account's objects, for what a test cannot see through the API (e.g. how many charges exist). */
  store: FakeStripeStore;
  failNext(failure: InjectedFailure, times?: number): void;
  close(): Promise<void>;
}

export const DEFAULT_FAKE_SECRET_KEY = 'sk_test_fakeTollgate4eC39HqLyjWDarjtT1zdp7dc';
const DEFAULT_API_VERSION = FAKE_ACCOUNT_API_VERSION;

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

function headerMap(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name !== 'authorization' && value !== undefined) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function authenticate(authorization: string | undefined, secretKey: string): void {
  if (authorization === `Bearer ${secretKey}`) return;
  const given = authorization?.replace(/^Bearer\s+/i, '') ?? '';
  const message = given
    ? `Invalid API Key provided: ${given.slice(0, 8)}****${given.slice(-4)}`
    : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";
  throw new FakeStripeError(401, { type: 'invalid_request_error', message });
}

/** Every POST must carry the caller's own key, so a gateway that forgets to pass one fails its tests. */
function requireCallersIdempotencyKey(key: string | undefined): string {
  if (!key) {
    throw invalidRequest(
      'This fake Stripe requires an Idempotency-Key header on every POST (Tollgate sends one on every write).',
    );
  }
  if (key.startsWith('stripe-node-retry-')) {
    throw invalidRequest(
      `The Idempotency-Key "${key}" was made up by the Stripe SDK, so the caller passed none: pass { idempotencyKey } on every write.`,
    );
  }
  return key;
}

/** Starts a Stripe-compatible HTTP server on 127.0.0.1 and a free port, with an empty account. */
export async function startFakeStripe(options: { secretKey?: string } = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? DEFAULT_FAKE_SECRET_KEY;
  const store = new FakeStripeStore();
  const idempotency = new IdempotencyLayer();
  const requests: RecordedRequest[] = [];
  const failures: InjectedFailure[] = [];

  function answerRequest(req: IncomingMessage, method: string, path: string, form: FormObject): Answer {
    const requestId = `req_${randomBytes(7).toString('hex')}`;
    const headers: Record<string, string> = {
      'request-id': requestId,
      'stripe-version': req.headers['stripe-version']?.toString() ?? DEFAULT_API_VERSION,
    };
    const answer = (status: number, payload: object) => ({ status, body: JSON.stringify(payload), headers });
    try {
      authenticate(req.headers.authorization, secretKey);
      const matched = matchRoute(method, path);
      if (!matched) throw invalidRequest(`Unrecognized request URL (${method}: ${path}).`);
      const handle = () =>
        expanded(store, matched.route.handle({ store, form, pathParams: matched.pathParams }), form.expand);
      if (method !== 'POST') {
        // DELETEs are idempotent by definition, so Stripe takes no key for them; events still name the request.
        store.currentRequest = {
          id: requestId,
          idempotencyKey: req.headers['idempotency-key']?.toString() ?? null,
        };
        try {
          return answer(200, handle());
        } finally {
          store.currentRequest = null;
        }
      }
      if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        throw invalidRequest('Stripe v1 takes application/x-www-form-urlencoded bodies.');
      }
      const key = requireCallersIdempotencyKey(req.headers['idempotency-key']?.toString());
      headers['idempotency-key'] = key;
      const signature = requestSignature(method, path, form);
      const earlier = idempotency.lookup(key, signature);
      if (earlier.kind === 'replay') {
        Object.assign(headers, {
          'idempotent-replayed': 'true',
          'original-request': earlier.saved.requestId,
        });
        return { status: earlier.saved.status, body: earlier.saved.body, headers };
      }
      if (earlier.kind === 'conflict') {
        throw new FakeStripeError(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      headers['original-request'] = requestId;
      let result: Answer;
      // Events the route emits name this request, as Stripe's event.request does.
      store.currentRequest = { id: requestId, idempotencyKey: key };
      try {
        result = answer(200, handle());
      } catch (error) {
        // A card error happened at the endpoint (and changed state), so Stripe saves it too.
        if (!(error instanceof FakeStripeError) || error.status !== 402) throw error;
        result = answer(402, { error: error.body });
      } finally {
        store.currentRequest = null;
      }
      idempotency.save(key, { signature, status: result.status, body: result.body, requestId });
      return result;
    } catch (error) {
      if (error instanceof FakeStripeError) return answer(error.status, { error: error.body });
      throw error;
    }
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-stripe');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    // The SDK sends a GET's and a DELETE's parameters in the query string.
    const form = parseForm(method === 'POST' ? body : url.search.slice(1));
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      form,
      headers: headerMap(req),
      status: null,
      replayed: false,
    };
    requests.push(record);
    const failure = failures.shift();
    if (failure && 'dropConnection' in failure && failure.dropConnection === 'before_processing') {
      req.socket.destroy();
      return;
    }
    const answer: Answer =
      failure && 'status' in failure
        ? {
            status: failure.status,
            headers: {},
            body: JSON.stringify({
              error: {
                type: failure.type,
                message: failure.message ?? `Injected ${failure.type}`,
                code: failure.code,
              },
            }),
          }
        : answerRequest(req, method, url.pathname, form);
    if (failure && 'dropConnection' in failure) {
      req.socket.destroy();
      return;
    }
    record.status = answer.status;
    record.replayed = answer.headers['idempotent-replayed'] === 'true';
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.body);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: `Fake Stripe bug: ${String(error)}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    protocol: 'http',
    secretKey,
    requests,
    store,
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
