import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type Nginx } from './nginx';
import { portInUse } from './ports';

/**
 * nginx as the scale-out tests' load balancer: it spreads requests over its upstreams, passes
 * a request an instance dropped to the other one only where that is safe (GETs, and Stripe's
 * deliveries, which the inbox de-duplicates), and leaves nothing behind when stopped.
 */

interface Upstream {
  name: string;
  server: Server;
  address: string;
  /** Requests it received, by "METHOD path". */
  seen: string[];
  /** Paths it drops (closes the connection without answering), as a crashed instance does. */
  drops: Set<string>;
}

async function upstream(name: string): Promise<Upstream> {
  const up: Upstream = { name, server: createServer(), address: '', seen: [], drops: new Set() };
  up.server.on('request', (req, res) => {
    up.seen.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      if (up.drops.has(req.url ?? '')) req.socket.destroy();
      else res.end(up.name);
    });
  });
  await new Promise<void>((resolve) => up.server.listen(0, '127.0.0.1', resolve));
  up.address = `127.0.0.1:${(up.server.address() as AddressInfo).port}`;
  return up;
}

let a: Upstream;
let b: Upstream;
let nginx: Nginx;

beforeAll(async () => {
  [a, b] = await Promise.all([upstream('a'), upstream('b')]);
  nginx = await startNginx({ upstreams: [a.address, b.address] });
});
afterAll(async () => {
  await nginx?.stop();
  a?.server.close();
  b?.server.close();
});

describe('startNginx', () => {
  it('balances requests over every upstream', async () => {
    const answers = new Set<string>();
    for (let i = 0; i < 8; i++) answers.add(await (await fetch(`${nginx.url}/healthz`)).text());
    expect(answers).toEqual(new Set(['a', 'b']));
  });

  // A fresh nginx per case: one that saw an upstream fail rests it for fail_timeout.
  it('re-sends a Stripe delivery an instance dropped to the other, but no other POST', async () => {
    const fresh = async (path: string, dropBy: Upstream[]) => {
      for (const up of [a, b]) {
        up.seen.length = 0;
        up.drops.clear();
      }
      for (const up of dropBy) up.drops.add(path);
      const balancer = await startNginx({ upstreams: [a.address, b.address] });
      try {
        const response = await fetch(`${balancer.url}${path}`, { method: 'POST', body: '{}' });
        return { status: response.status, body: await response.text(), seen: [...a.seen, ...b.seen] };
      } finally {
        await balancer.stop();
      }
    };
    // Both drop it: nginx tried each once, then answers 502.
    const bothDropped = await fresh('/webhooks/stripe/t1', [a, b]);
    expect(bothDropped.status).toBe(502);
    expect(bothDropped.seen).toEqual(['POST /webhooks/stripe/t1', 'POST /webhooks/stripe/t1']);
    // Any other POST is tried once: it may have been applied.
    const mutation = await fresh('/trpc/x', [a, b]);
    expect(mutation.status).toBe(502);
    expect(mutation.seen).toEqual(['POST /trpc/x']);
    // One drops it (the first tried, a): the other acknowledges the delivery.
    const oneDropped = await fresh('/webhooks/stripe/t2', [a]);
    expect(oneDropped).toEqual({
      status: 200,
      body: 'b',
      seen: ['POST /webhooks/stripe/t2', 'POST /webhooks/stripe/t2'],
    });
  });

  it('stops, removing its directory and freeing its port', async () => {
    const other = await startNginx({ upstreams: [a.address] });
    expect(existsSync(other.directory)).toBe(true);
    expect(await (await fetch(`${other.url}/`)).text()).toBe('a');
    await other.stop();
    expect(existsSync(other.directory)).toBe(false);
    expect(await portInUse(other.port)).toBe(false);
  });
});
