import { DEFAULT_REST_LIMITS, type RestLimits } from './limits';

/**
 * The REST API's limits from the environment, each variable optional (unset or empty keeps
 * the default). Read at start with the rest of the hosted server's configuration
 * (server/hosted/config.ts): every bad value is reported at once, by name and with the
 * value, as none of them is a secret.
 */

interface Setting {
  variable: string;
  /** What the number counts, for the error message. */
  unit: string;
  min: number;
  max: number;
  put: (limits: RestLimits, value: number) => void;
}

/** Far above what one process can serve, below where the limiter's arithmetic would suffer. */
const MAX_RATE = 1_000_000_000;
const MIN_BODY_BYTES = 1_024;
const MAX_BODY_BYTES = 100 * 1024 * 1024;

export const REST_LIMIT_SETTINGS: readonly Setting[] = [
  {
    variable: 'TOLLGATE_REST_KEY_RATE',
    unit: 'requests per second',
    min: 1,
    max: MAX_RATE,
    put: (l, v) => (l.perKey.perSecond = v),
  },
  {
    variable: 'TOLLGATE_REST_KEY_BURST',
    unit: 'requests',
    min: 0,
    max: MAX_RATE,
    put: (l, v) => (l.perKey.burst = v),
  },
  {
    variable: 'TOLLGATE_REST_ADDRESS_RATE',
    unit: 'requests per second',
    min: 1,
    max: MAX_RATE,
    put: (l, v) => (l.perAddress.perSecond = v),
  },
  {
    variable: 'TOLLGATE_REST_ADDRESS_BURST',
    unit: 'requests',
    min: 0,
    max: MAX_RATE,
    put: (l, v) => (l.perAddress.burst = v),
  },
  {
    variable: 'TOLLGATE_REST_BODY_LIMIT',
    unit: 'bytes',
    min: MIN_BODY_BYTES,
    max: MAX_BODY_BYTES,
    put: (l, v) => (l.bodyBytes = v),
  },
];

/**
 * How many instances share the limits (decision 111): the counts are per process, so behind a
 * round-robin balancer N instances allow N times each rate. Set to N, each instance enforces
 * its share — rates and bursts divided by N, rounded down (a rate to at least 1) — so the
 * total stays at most what the other variables say. Unset: 1, each instance the whole rate.
 */
export const INSTANCES_SETTING = {
  variable: 'TOLLGATE_REST_INSTANCES',
  unit: 'instances',
  min: 1,
  max: 1_000,
};

const WHOLE_NUMBER = /^\d+$/;
const shown = (n: number) => n.toLocaleString('en-US');

/** The number a setting's text names, or why it does not name one the setting takes. */
function readSetting(setting: Omit<Setting, 'put'>, text: string): number | string {
  const value = WHOLE_NUMBER.test(text) ? Number(text) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= setting.min && value <= setting.max) return value;
  return `${setting.variable} must be a whole number of ${setting.unit} from ${shown(setting.min)} to ${shown(setting.max)}, got "${text}"`;
}

/** Reads the REST limits, or throws one error naming every bad variable. */
export function restLimitsFromEnv(env: Record<string, string | undefined>): RestLimits {
  const limits: RestLimits = {
    perKey: { ...DEFAULT_REST_LIMITS.perKey },
    perAddress: { ...DEFAULT_REST_LIMITS.perAddress },
    bodyBytes: DEFAULT_REST_LIMITS.bodyBytes,
  };
  const problems: string[] = [];
  for (const setting of REST_LIMIT_SETTINGS) {
    const text = env[setting.variable]?.trim();
    if (text === undefined || text === '') continue;
    const value = readSetting(setting, text);
    if (typeof value === 'string') problems.push(value);
    else setting.put(limits, value);
  }
  const instancesText = env[INSTANCES_SETTING.variable]?.trim();
  const instances = instancesText ? readSetting(INSTANCES_SETTING, instancesText) : 1;
  if (typeof instances === 'string') problems.push(instances);
  if (problems.length > 0) throw new Error(`Invalid REST API limits: ${problems.join('; ')}`);
  return typeof instances === 'number' ? shareAmong(limits, instances) : limits;
}

/** Each instance's share of the limits when `instances` serve them (the body limit is per request: unchanged). */
export function shareAmong(limits: RestLimits, instances: number): RestLimits {
  const share = (rate: RestLimits['perKey']) => ({
    perSecond: Math.max(1, Math.floor(rate.perSecond / instances)),
    burst: Math.floor(rate.burst / instances),
  });
  return { perKey: share(limits.perKey), perAddress: share(limits.perAddress), bodyBytes: limits.bodyBytes };
}
