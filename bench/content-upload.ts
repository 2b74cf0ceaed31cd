/**
 * A course content package upload over HTTP: 1 GB by default (a ZIP header, then pseudo-random
 * bytes generated as they are sent, never held whole) POSTed to `contentUploadRoute` (server/hosted/rest) on
 * 127.0.0.1 and streamed into a ContentStore in a scratch directory (decision 168). The client
 * runs in a child process, so the figures are the server's alone: MB/s (MiB, wall clock from
 * the first byte sent to the 201), and the server process's peak RSS and heap growth
 * (process.memoryUsage sampled every 50 ms against the figures before the upload). The aim:
 * growth well under 64 MB, whatever the size. The 201's SHA-256 is checked against the client's.
 *
 *   npm run bench:content-upload -- [megabytes]
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../server/lib/logger';
import { ContentStore, type StoredContent } from '../server/content-store';
import { contentUploadRoute } from '../server/hosted/rest/content-upload';
import { generatedPackage } from '../server/content-store/content.test-kit';

const MiB = 1024 * 1024;
const MEMORY_TARGET_MB = 64;
const say = (text: string) => process.stdout.write(`${text}\n`);

interface ClientReport {
  sha256: string;
  bytes: number;
  status: number;
  body: string;
}

/** The child: sends `bytes` of a generated package to the port and reports what it sent. */
async function runClient(port: number, bytes: number): Promise<void> {
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send?.('ready');
  });
  const source = generatedPackage(bytes, 42);
  const report = await new Promise<ClientReport>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/content',
      headers: { 'content-type': 'application/zip', 'content-length': bytes },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          sha256: source.sha256(),
          bytes: source.emitted(),
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    source.stream.pipe(req);
  });
  process.send?.(report);
}

interface Sampled {
  rss: number;
  heap: number;
}

/** Samples memory every 50 ms until stopped; returns the peaks' growth over the figures at start. */
function sampleMemory(): () => Sampled {
  global.gc?.();
  const before = process.memoryUsage();
  const peak = { rss: before.rss, heap: before.heapUsed };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heap = Math.max(peak.heap, now.heapUsed);
  };
  const timer = setInterval(sample, 50);
  return () => {
    clearInterval(timer);
    sample();
    return { rss: (peak.rss - before.rss) / MiB, heap: (peak.heap - before.heapUsed) / MiB };
  };
}

async function runServer(megabytes: number): Promise<void> {
  const bytes = megabytes * MiB;
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-content-'));
  const store = new ContentStore(join(dir, 'content'));
  const route = contentUploadRoute(store, {
    maxBytes: bytes,
    authorize: () => Promise.resolve(null),
    onStored: (stored: StoredContent) => Promise.resolve(stored),
    logger: silentLogger,
  });
  const server = createServer((req, res) => void route(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    say(`Uploading ${megabytes.toLocaleString('en')} MiB over HTTP to 127.0.0.1:${port} …`);
    const child = fork(import.meta.filename, ['--client', String(port), String(bytes)], {
      stdio: 'inherit',
    });
    const report = new Promise<ClientReport>((resolve, reject) => {
      child.on('message', (message) => message !== 'ready' && resolve(message as ClientReport));
      child.once('error', reject);
      child.once('exit', (code) => code !== 0 && reject(new Error(`the client exited with ${code}`)));
    });
    await new Promise((resolve) => child.once('message', resolve));
    // Measured from here: the client has loaded and waits for the word to send.
    const stop = sampleMemory();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    child.send('go');
    const answer = await report;
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const growth = stop();
    const stored = JSON.parse(answer.body) as StoredContent;
    if (answer.status !== 201 || stored.sha256 !== answer.sha256 || stored.bytes !== bytes) {
      throw new Error(`the upload did not store what was sent: ${answer.status} ${answer.body}`);
    }
    say(`  stored ${stored.key} (${stored.contentType}), SHA-256 and size match the client's`);
    say(
      `  ${seconds.toFixed(2)} s, ${(megabytes / seconds).toFixed(0)} MB/s; server CPU ` +
        `${((cpu.user + cpu.system) / 1e6).toFixed(2)} s; load ${loadavg()[0]?.toFixed(2)}`,
    );
    say(
      `  server peak RSS growth ${growth.rss.toFixed(1)} MB, peak heap growth ${growth.heap.toFixed(1)} MB ` +
        `(target: under ${MEMORY_TARGET_MB} MB) ${growth.rss < MEMORY_TARGET_MB ? 'OK' : 'OVER'}`,
    );
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--client') {
  await runClient(Number(args[1]), Number(args[2]));
} else {
  await runServer(Number(args[0] ?? 1024));
}
