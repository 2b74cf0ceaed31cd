import type { OpenAPIObject } from 'trpc-to-openapi';

/**
 * Which operation a method and path name, read from the OpenAPI document itself, so an
 * unknown path is a 404 and a known path with another method a 405 (with Allow) in the
 * one error shape, before any key is looked up. Matching is case-insensitive, as
 * trpc-to-openapi's own routing is.
 */

export interface RouteMatch {
  template: string;
  params: Record<string, string>;
}

export type RouteLookup =
  { kind: 'found'; route: RouteMatch } | { kind: 'wrong_method'; allow: string[] } | { kind: 'unknown' };

interface Entry {
  template: string;
  pattern: RegExp;
  methods: Set<string>;
}

export function routeTable(document: OpenAPIObject): (method: string, path: string) => RouteLookup {
  const entries: Entry[] = Object.entries(document.paths ?? {}).map(([template, item]) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}/?$`, 'i'),
    methods: new Set(Object.keys(item as object).map((m) => m.toUpperCase())),
  }));
  return (method, path) => {
    const allow = new Set<string>();
    for (const entry of entries) {
      const match = entry.pattern.exec(path);
      if (!match) continue;
      if (entry.methods.has(method)) {
        return { kind: 'found', route: { template: entry.template, params: { ...match.groups } } };
      }
      for (const m of entry.methods) allow.add(m);
    }
    return allow.size > 0 ? { kind: 'wrong_method', allow: [...allow].sort() } : { kind: 'unknown' };
  };
}
