import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The fields the stripe SDK's TypeScript declarations mark as always present (not `?`),
 * per object type, read from the installed SDK with the TypeScript parser, so the list
 * follows the SDK version rather than a copy that drifts. A field whose declared type
 * includes `null` may be null; the others must hold a value.
 */

export interface SdkField {
  nullable: boolean;
}

export interface SdkShape {
  /** The interface's name in the SDK (PaymentIntent, InvoiceLineItem, CustomerCreatedEvent…). */
  name: string;
  fields: Map<string, SdkField>;
}

export interface SdkShapes {
  /** By the objects' `object` value ("payment_intent", "line_item"); a few values name several interfaces. */
  byObject: Map<string, SdkShape[]>;
  /** Events by their `type` ("invoice.payment_succeeded"), the base event's fields included. */
  eventByType: Map<string, SdkShape>;
}

const RESOURCES = resolve(import.meta.dirname, '../../../node_modules/stripe/esm/resources');

interface Declared {
  name: string;
  heritage: string[];
  fields: Map<string, SdkField>;
  /** The string literal of a field (`object: 'charge'`, `type: 'charge.refunded'`). */
  literal(field: string): string | null;
}

function includesNull(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  if (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword) return true;
  return ts.isUnionTypeNode(type) && type.types.some(includesNull);
}

function declared(node: ts.InterfaceDeclaration): Declared {
  const fields = new Map<string, SdkField>();
  const literals = new Map<string, string>();
  for (const member of node.members) {
    if (!ts.isPropertySignature(member) || !ts.isIdentifier(member.name)) continue;
    const type = member.type;
    if (type && ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) {
      literals.set(member.name.text, type.literal.text);
    }
    if (!member.questionToken) fields.set(member.name.text, { nullable: includesNull(type) });
  }
  const heritage = (node.heritageClauses ?? []).flatMap((clause) =>
    clause.types.map((base) => base.expression.getText()),
  );
  return { name: node.name.text, heritage, fields, literal: (field) => literals.get(field) ?? null };
}

/** The top-level exported interfaces of one declaration file (namespaces' inner types are parts, not objects). */
function interfacesOf(file: string): Declared[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  return source.statements.filter(ts.isInterfaceDeclaration).map(declared);
}

let cached: SdkShapes | null = null;

/** Every top-level Stripe object interface in the SDK, by `object` and, for events, by `type`. */
export function sdkShapes(): SdkShapes {
  if (cached) return cached;
  const all = readdirSync(RESOURCES)
    .filter((name) => name.endsWith('.d.ts'))
    .flatMap((name) => interfacesOf(join(RESOURCES, name)));
  const byName = new Map(all.map((shape) => [shape.name, shape]));
  const withBases = (shape: Declared): Map<string, SdkField> => {
    const fields = new Map<string, SdkField>();
    for (const base of shape.heritage) {
      const parent = byName.get(base);
      if (parent) for (const [key, field] of withBases(parent)) fields.set(key, field);
    }
    for (const [key, field] of shape.fields) fields.set(key, field);
    return fields;
  };
  const byObject = new Map<string, SdkShape[]>();
  const eventByType = new Map<string, SdkShape>();
  for (const shape of all) {
    const object = shape.literal('object');
    const fields = withBases(shape);
    if (object && !shape.heritage.length) {
      byObject.set(object, [...(byObject.get(object) ?? []), { name: shape.name, fields }]);
    }
    const type = shape.literal('type');
    if (type && shape.heritage.includes('EventBase')) eventByType.set(type, { name: shape.name, fields });
  }
  cached = { byObject, eventByType };
  return cached;
}
