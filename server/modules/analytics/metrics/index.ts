/** The Overview's metrics over MRR movements: its procedures, and the movements list the exports page through. */
export { metricsRouter } from './router';
export { listMovements, type MovementItem } from './movements';
export { analyticsOverview } from './overview';
