import { DomainError } from '../../lib/errors';

/**
 * The one way the mirror reads a field it cannot do without from a Stripe object. Stripe's
 * types promise the field, but an emulator, an older API version or a partial expansion
 * may leave it out; read blindly it becomes NaN or undefined and fails far away on a
 * NOT NULL constraint. Read here it fails at once, naming the object and the field, and
 * the inbox records that as the event's failure.
 */

export type FieldKind = 'number' | 'string' | 'boolean' | 'object' | 'list' | 'ref';

type ValueOf<K extends FieldKind> = K extends 'number'
  ? number
  : K extends 'string' | 'ref'
    ? string
    : K extends 'boolean'
      ? boolean
      : K extends 'list'
        ? unknown[]
        : Record<string, unknown>;

/** What a mapping needs of one kind of object: a name per value, and where and of what kind it is. */
export type FieldSpec = Readonly<Record<string, readonly [path: string, kind: FieldKind]>>;
export type FieldsOf<S extends FieldSpec> = { [Name in keyof S]: ValueOf<S[Name][1]> };

/** A Stripe object without a field the mirror needs, or with one of the wrong kind. */
export class IncompleteStripeObjectError extends DomainError {
  constructor(
    readonly objectType: string,
    readonly objectId: string,
    readonly field: string,
    problem: string,
  ) {
    super('INVALID_INPUT', `Stripe ${objectType} ${objectId} ${problem}`);
  }
}

const WHAT: Record<FieldKind, string> = {
  number: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  list: 'a list',
  ref: 'an id or an object with one',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "items.data[0].price" → ["items", "data", "0", "price"], walked one own property at a time. */
function valueAt(object: unknown, path: string): unknown {
  let here: unknown = object;
  for (const step of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (!isRecord(here) && !Array.isArray(here)) return undefined;
    if (!Object.hasOwn(here, step)) return undefined;
    here = (here as Record<string, unknown>)[step];
  }
  return here;
}

function readAs(value: unknown, kind: FieldKind): unknown {
  switch (kind) {
    case 'number':
      return Number.isSafeInteger(value) ? value : undefined;
    case 'string':
      return typeof value === 'string' && value !== '' ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'object':
      return isRecord(value) ? value : undefined;
    case 'list':
      return Array.isArray(value) ? value : undefined;
    case 'ref':
      if (typeof value === 'string' && value !== '') return value;
      return isRecord(value) && typeof value.id === 'string' && value.id !== '' ? value.id : undefined;
  }
}

/** One field of a Stripe object of `type`, of `kind`, or a failure naming the object, its id and the field. */
export function requiredField<K extends FieldKind>(
  type: string,
  object: unknown,
  path: string,
  kind: K,
): ValueOf<K> {
  const value = valueAt(object, path);
  const read = readAs(value, kind);
  if (read !== undefined) return read as ValueOf<K>;
  const id =
    isRecord(object) && typeof object.id === 'string' && object.id !== '' ? object.id : '(without id)';
  const problem =
    value === undefined || value === null ? `has no ${path}` : `has ${path} that is not ${WHAT[kind]}`;
  throw new IncompleteStripeObjectError(type, id, path, problem);
}

/** Every field a spec names, read through `requiredField`; the first missing one fails. */
export function requiredFields<S extends FieldSpec>(type: string, object: unknown, spec: S): FieldsOf<S> {
  const read: Record<string, unknown> = {};
  for (const [name, [path, kind]] of Object.entries(spec))
    read[name] = requiredField(type, object, path, kind);
  return read as FieldsOf<S>;
}
