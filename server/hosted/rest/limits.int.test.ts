import { afterEach, expect, it } from 'vitest';
import { rest, startRestWorld, type RestWorld } from './rest.test-kit';

/**
 * Rate limits per API key and per client address: past the allowance a request is answered
 * 429 in the one error shape, with Retry-After and the RateLimit-* headers. Limits are
 * tightened here (one request a second, one extra) so a quick series of requests crosses them.
 */

let world: RestWorld | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

async function series(count: number, key: string | null) {
  const answers = [];
  for (let i = 0; i < count; i++) answers.push(await rest(world as RestWorld, 'GET', '/customers', { key }));
  return answers;
}

it('limits each API key on its own, with Retry-After and RateLimit headers', async () => {
  world = await startRestWorld({ restLimits: { perKey: { perSecond: 1, burst: 1 } } });
  const answers = await series(10, world.a.key);
  const allowed = answers.find((a) => a.status === 200);
  expect(allowed?.headers.get('ratelimit-limit')).toBe('1');
  expect(allowed?.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
  expect(allowed?.headers.get('ratelimit-reset')).toMatch(/^\d+$/);
  const refused = answers.find((a) => a.status === 429);
  expect(refused, 'a 429 among ten quick requests').toBeDefined();
  expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(refused?.json.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited', param: null });
  expect(refused?.json.error?.message).toContain('API key');
  // Another key of the same address is not held back by the first one's series.
  expect((await rest(world, 'GET', '/customers', { key: world.b.key })).status).toBe(200);
});

it('limits each client address before any key is looked up', async () => {
  world = await startRestWorld({ restLimits: { perAddress: { perSecond: 1, burst: 1 } } });
  const answers = await series(10, null);
  expect(answers[0]?.status).toBe(401);
  const refused = answers.find((a) => a.status === 429);
  expect(refused?.json.error?.type).toBe('rate_limit_error');
  expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
});
