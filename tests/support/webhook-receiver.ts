import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the receiver answers one request: hang up, never answer, or a status code. */
export type ReceiverAnswer = 'hang-up' | 'no-answer' | number;

export interface ReceivedRequest {
  /** The body exactly as it arrived, for signature checks. */
  rawBody: string;
  headers: IncomingHttpHeaders;
  answer: ReceiverAnswer;
  /** What `now()` said when the request arrived (a test clock's time, for checking signature age). */
  receivedAt: number;
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP receiver of webhooks on 127.0.0.1 (a port chosen at run time) that answers each
 * request as `answerFor` says, by its position (0-based) and body, and keeps what arrived.
 */
export async function startWebhookReceiver(
  answerFor: (index: number, rawBody: string) => ReceiverAnswer,
  now: () => number = Date.now,
): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const answer = answerFor(requests.length, rawBody);
      requests.push({ rawBody, headers: req.headers, answer, receivedAt: now() });
      if (answer === 'hang-up') req.socket.destroy();
      else if (answer === 'no-answer') held.push(res);
      else
        res
          .writeHead(answer, { 'content-type': 'text/plain' })
          .end(answer < 300 ? 'ok' : `refused ${answer}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
