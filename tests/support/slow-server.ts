import { appendFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in server for tests/support/spawn-server.int.test.ts whose readiness the test
 * controls: it prints its URL at once, but /healthz answers 503 until the file named by
 * SLOW_SERVER_READY_FILE exists, noting each ask in SLOW_SERVER_ASKED_FILE. With
 * SLOW_SERVER_FAIL set it writes that to stderr and exits 1 instead; with SLOW_SERVER_SILENT
 * it never prints its URL.
 */
const failure = process.env.SLOW_SERVER_FAIL;
if (failure) {
  process.stderr.write(`${failure}\n`);
  process.exit(1);
}
const readyFile = process.env.SLOW_SERVER_READY_FILE ?? '';
const askedFile = process.env.SLOW_SERVER_ASKED_FILE ?? '';

const server = createServer((req, res) => {
  if (req.url !== '/healthz') return void res.writeHead(404).end();
  const ready = existsSync(readyFile);
  appendFileSync(askedFile, ready ? 'ready\n' : 'not ready\n');
  res.writeHead(ready ? 200 : 503).end();
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  if (!process.env.SLOW_SERVER_SILENT) process.stdout.write(`Slow server: http://127.0.0.1:${port}\n`);
});
process.stdin.resume();
process.stdin.once('end', () => server.close(() => process.exit(0)));
