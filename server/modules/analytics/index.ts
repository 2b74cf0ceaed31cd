export { metricsRouter, listMovements, analyticsOverview, type MovementItem } from './metrics';
