/** The Overview home page and the movements behind its figures. */
export { OverviewPage } from './OverviewPage';
export { MovementsPage } from './MovementsPage';
