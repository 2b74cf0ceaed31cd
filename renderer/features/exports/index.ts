/** Exports: the Export menu list pages put in their header, and the Exports page. */
export { ExportMenu } from './ExportMenu';
export { ExportsPage } from './ExportsPage';
