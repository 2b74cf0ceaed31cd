export { entitlementsRouter } from './router';
export {
  can,
  checkEntitlement,
  explain,
  invalidateEntitlements,
  invalidateTenantEntitlements,
  limit,
} from './service';
