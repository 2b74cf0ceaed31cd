import { invalidRequest } from './errors';

/**
 * Stripe's v1 wire format: `application/x-www-form-urlencoded` with bracket notation for
 * nesting (`metadata[order]=42`, `payment_method_types[0]=card`), parsed into plain
 * objects and arrays of strings, and the checks Stripe makes on each parameter.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

function keySegments(key: string): string[] {
  const first = key.indexOf('[');
  if (first === -1) return [key];
  const rest = key.slice(first).match(/\[([^\]]*)\]/g) ?? [];
  return [key.slice(0, first), ...rest.map((segment) => segment.slice(1, -1))];
}

/** Objects whose keys are 0..n-1 were arrays on the client (`a[0]=x&a[1]=y`). */
function arraysRestored(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((key) => [key, arraysRestored(value[key] ?? '')] as const);
  if (keys.length > 0 && keys.every((key, index) => key === String(index))) return entries.map(([, v]) => v);
  return Object.fromEntries(entries);
}

export function parseForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const segments = keySegments(key);
    let node: FormObject = root;
    segments.forEach((segment, index) => {
      const name = segment === '' ? String(Object.keys(node).length) : segment;
      if (index === segments.length - 1) {
        node[name] = value;
        return;
      }
      const next = node[name];
      if (next === undefined || typeof next === 'string' || Array.isArray(next)) node[name] = {};
      node = node[name] as FormObject;
    });
  }
  return arraysRestored(root) as FormObject;
}

/** Reads one endpoint's parameters, refusing unknown ones first, as Stripe does. */
export class Params {
  constructor(
    private readonly form: FormObject,
    allowed: readonly string[],
  ) {
    for (const name of Object.keys(form)) {
      if (name !== 'expand' && !allowed.includes(name)) {
        throw invalidRequest(`Received unknown parameter: ${name}`, {
          code: 'parameter_unknown',
          param: name,
        });
      }
    }
  }

  has(name: string): boolean {
    return this.form[name] !== undefined;
  }

  string(name: string): string | undefined {
    const value = this.form[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      throw invalidRequest(`Invalid string: ${name} must be a string`, { param: name });
    }
    return value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw missing(name);
    if (value === '') {
      throw invalidRequest(`You passed an empty string for '${name}'.`, {
        code: 'parameter_invalid_empty',
        param: name,
      });
    }
    return value;
  }

  integer(name: string, options: { required?: boolean; min?: number } = {}): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) {
      if (options.required) throw missing(name);
      return undefined;
    }
    if (!/^-?\d+$/.test(raw)) {
      throw invalidRequest(`Invalid integer: ${raw}`, { code: 'parameter_invalid_integer', param: name });
    }
    const value = Number(raw);
    if (options.min !== undefined && value < options.min) {
      throw invalidRequest(`This value must be greater than or equal to ${options.min}.`, {
        code: 'parameter_invalid_integer',
        param: name,
      });
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (raw !== 'true' && raw !== 'false') throw invalidRequest(`Invalid boolean: ${raw}`, { param: name });
    return raw === 'true';
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const match = values.find((value) => value === raw);
    if (!match) throw invalidRequest(`Invalid ${name}: must be one of ${values.join(', ')}`, { param: name });
    return match;
  }

  /** `metadata[key]=value` pairs; Stripe allows 50 keys of up to 40 characters, values up to 500. */
  metadata(): Record<string, string> {
    const value = this.form.metadata;
    if (value === undefined || value === '') return {};
    if (typeof value === 'string' || Array.isArray(value)) {
      throw invalidRequest('Invalid object: metadata must be a hash of keys to strings', {
        param: 'metadata',
      });
    }
    const entries = Object.entries(value);
    if (entries.length > 50) throw invalidRequest('Metadata can have at most 50 keys', { param: 'metadata' });
    const metadata: Record<string, string> = {};
    for (const [key, item] of entries) {
      if (typeof item !== 'string' || key.length > 40 || item.length > 500) {
        throw invalidRequest(
          `Invalid metadata[${key}]: keys are at most 40 characters, values strings of at most 500`,
          {
            param: `metadata[${key}]`,
          },
        );
      }
      metadata[key] = item;
    }
    return metadata;
  }

  stringArray(name: string): string[] | undefined {
    const value = this.form[name];
    if (value === undefined) return undefined;
    const items = Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
    if (!Array.isArray(value) || items.length !== value.length) {
      throw invalidRequest(`Invalid array: ${name} must be a list of strings`, { param: name });
    }
    return items;
  }
}

function missing(name: string) {
  return invalidRequest(`Missing required param: ${name}.`, { code: 'parameter_missing', param: name });
}
