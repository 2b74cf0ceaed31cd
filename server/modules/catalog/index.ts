export { catalogRouter } from './router';
export { createFeature } from './features';
export { createProduct, updateProduct, archiveProduct } from './products';
export { createPlan, updatePlan, archivePlan, setDefaultPlan } from './plans';
export { createPrice, archivePrice, findPriceForSubscription } from './prices';
export { createGatewayPrice, createGatewayProductAndPlan, findPlanIdByGatewayRef } from './gateway-catalog';
export { catalogOverview } from './overview';
export { seedDemoCatalog, type DemoCatalog, type DemoPlanName, type DemoPriceName } from './demo-catalog';
export { priceLabels, catalogNames, type PriceLabel } from './labels';
