import type { z } from 'zod';

/** A place in an input where a number goes: object keys, `0` for an array's first item, `*` for a record's values. */
export type LeafPath = readonly string[];

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
}

const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } })._zod?.def;

/**
 * Every path of a zod input schema whose node is of one of `types`, found by walking the
 * schema itself (objects, arrays, records, unions and the wrappers around them), so a field
 * added later is walked without anyone listing it. A union offering such a node at one path
 * counts it once, however many options offer it.
 */
function pathsOfType(schema: unknown, types: ReadonlySet<string>, path: LeafPath = []): LeafPath[] {
  const def = defOf(schema);
  if (!def) return [];
  const here = types.has(def.type) ? [path] : [];
  const walk = (inner: unknown, at: LeafPath = path) => pathsOfType(inner, types, at);
  switch (def.type) {
    case 'object':
      return [
        ...here,
        ...Object.entries(def.shape ?? {}).flatMap(([key, value]) => walk(value, [...path, key])),
      ];
    case 'record':
      return [...here, ...walk(def.valueType, [...path, '*'])];
    case 'array':
      return [...here, ...walk(def.element, [...path, '0'])];
    case 'union': {
      const found = (def.options ?? []).flatMap((option) => walk(option));
      return [...here, ...new Map(found.map((p) => [p.join('.'), p])).values()];
    }
    case 'pipe':
      return [...here, ...walk(def.in)];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return [...here, ...walk(def.innerType)];
    default:
      return here;
  }
}

const NUMBERS = new Set(['number', 'bigint']);
const OBJECTS = new Set(['object', 'record']);
const STRINGS = new Set(['string']);

/** Every path of a zod input schema that accepts a number. */
export const numericLeaves = (schema: unknown): LeafPath[] => pathsOfType(schema, NUMBERS);

/** Every path of a zod input schema that accepts a string. */
export const stringLeaves = (schema: unknown): LeafPath[] => pathsOfType(schema, STRINGS);

/**
 * A copy of `input` with `value` at `path`. `*` (a record's values) is put under the
 * record's first key, which the valid input must therefore provide.
 */
export function withLeaf(input: unknown, path: LeafPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(input)) {
    const copy = [...(input as unknown[])];
    const index = Number(head);
    copy[index] = withLeaf(copy[index], rest, value);
    return copy;
  }
  const record = { ...(input as Record<string, unknown>) };
  const key = head === '*' ? Object.keys(record)[0] : head;
  if (key === undefined) throw new Error(`no key to put a value under at ${path.join('.')}`);
  record[key] = withLeaf(record[key], rest, value);
  return record;
}

/**
 * Every path of a zod input schema where the client sends an object (strict objects and
 * records, the input itself included as `[]`): the places a client can put a key of its own
 * choosing.
 */
export const objectPaths = (schema: unknown): LeafPath[] => pathsOfType(schema, OBJECTS);

/**
 * An input holding only `value` at `path`, built from nothing: `0` makes an array, `*` a
 * record keyed `a.b` (a key shaped like a feature key), any other segment an object key.
 * Everything else the schema wants is missing, which a validator reports beside the rest.
 */
export function inputAt(path: LeafPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const inner = inputAt(rest, value);
  if (head === '0') return [inner];
  return Object.fromEntries([[head === '*' ? 'a.b' : head, inner]]);
}
