/** The Plans & prices view as it lives in the URL, so a reload keeps archived items shown. */
export interface CatalogSearch {
  archived?: true;
}

export function parseCatalogSearch(raw: Record<string, unknown>): CatalogSearch {
  return raw.archived === true || raw.archived === 'true' || raw.archived === 1 ? { archived: true } : {};
}
