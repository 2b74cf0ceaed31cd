/** What other features may use of the catalog: its page, and how prices read. */
export { CatalogPage } from './CatalogPage';
export { parseCatalogSearch } from './catalog-search';
export { priceLabel, trialText } from './feature-text';
