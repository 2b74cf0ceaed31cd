/** Objects by the names people know them by (invoice numbers, customer and plan names), in batches. */
export { labelsRouter } from './router';
export { entityLabels, type EntityRef } from './service';
