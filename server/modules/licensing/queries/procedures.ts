import {
  byLicenseId,
  licenseListInput,
  licenseUsageInput,
} from '../../../../shared/licensing/queries-schema';
import { tenantProcedure } from '../../../trpc/base';
import { licenseDetail } from './detail';
import { listLicenses } from './list';
import { licenseUsage } from './usage';
import { licenseValidations } from './validations';

/**
 * Staff reads of licenses (list, detail, usage, validation log), spread into `licenses`.
 * Replicated columns only: a desktop answers them from its replica.
 */
export const licenseQueries = {
  list: tenantProcedure('licensing.read')
    .input(licenseListInput)
    .query(({ ctx, input }) => listLicenses(ctx.db, ctx.tenantId, input)),
  get: tenantProcedure('licensing.read')
    .input(byLicenseId)
    .query(({ ctx, input }) => licenseDetail(ctx.db, ctx.tenantId, input.id)),
  usage: tenantProcedure('licensing.read')
    .input(licenseUsageInput)
    .query(({ ctx, input }) => licenseUsage(ctx.db, ctx.tenantId, input)),
  validations: tenantProcedure('licensing.read')
    .input(byLicenseId)
    .query(({ ctx, input }) => licenseValidations(ctx.db, ctx.tenantId, input.id)),
};
