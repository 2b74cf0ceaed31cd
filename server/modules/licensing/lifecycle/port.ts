import type { LicensingPort } from '../../billing';
import { renewalLines } from './overage-billing';
import { afterSubscriptionWrite } from './subscription-hook';

/** Licensing as billing asks for it (connected in server/app/router.ts; billing/licensing-port.ts). */
export const licensingForBilling: LicensingPort = { afterSubscriptionWrite, renewalLines };
