import { sql, type Kysely } from 'kysely';
import { DAY_MS } from '../../shared/billing/periods';
import type { PolicyCreateInput } from '../../shared/licensing/schema';
import type { DB } from '../db/schema';
import type { DemoCatalog } from '../modules/catalog';
import type { DemoMilestone } from './billing-history';
import { demoLicensingActivity, type IssuedDemoLicense } from './licensing-activity';

/**
 * The demo's enterprise licensing (issue 15), made through the console's own procedures at
 * moments of the demo year: policies on the Enterprise and Pro plans and a fixed-term pilot,
 * licenses to the schools and companies that buy them (those tied to a subscription then follow
 * its renewals as billing runs), and in the last days machines, seats, validations, usage, a
 * suspension and one account's branding. About ten licenses: enough for every state the
 * Licenses pages show, few enough to keep the first start quick.
 */

const HOUR = 3_600_000;

const POLICIES = {
  campus: {
    name: 'Enterprise campus',
    durationKind: 'SUBSCRIPTION',
    machineMode: 'FLOATING',
    maxMachines: 10,
    maxUsers: 50,
    expirationStrategy: 'RESTRICT',
    overageStrategy: 'X1_25',
    pastDueAction: 'SUSPEND',
    usageLimits: [
      { metric: 'course_hours', limit: 2000, rule: { kind: 'BILL', unitPrice: 25, currency: 'USD' } },
    ],
    entitlements: ['white_label', 'sso', 'api_access'],
  },
  studio: {
    name: 'Pro studio',
    durationKind: 'SUBSCRIPTION',
    machineMode: 'NODE_LOCKED',
    maxMachines: 1,
    maxUsers: 5,
    expirationStrategy: 'MAINTAIN',
    pastDueAction: 'OVERDUE',
    entitlements: ['api_access'],
  },
  pilot: {
    name: 'Campus pilot (30 days)',
    durationKind: 'FIXED',
    durationDays: 30,
    machineMode: 'FLOATING',
    maxMachines: 3,
    maxUsers: 10,
    expirationStrategy: 'RESTRICT',
    pastDueAction: 'SUSPEND',
    usageLimits: [{ metric: 'course_hours', limit: 200, rule: { kind: 'BLOCK' } }],
    entitlements: ['white_label'],
  },
} satisfies Record<string, Omit<PolicyCreateInput, 'productId'>>;

type PolicyName = keyof typeof POLICIES;

interface Holder {
  customerId: string;
  label: string;
  subscriptionId: string | null;
}

/** Live subscriptions on a plan, oldest customer first, with the name a license is called by. */
async function subscribersOf(
  db: Kysely<DB>,
  tenantId: string,
  planId: string,
  limit: number,
): Promise<Holder[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .innerJoin('customers', 'customers.id', 'subscriptions.customer_id')
    .select(['subscriptions.id', 'customers.id as customer_id', 'customers.name', 'customers.company'])
    .where('subscriptions.tenant_id', '=', tenantId)
    .where('subscriptions.plan_id', '=', planId)
    .where('subscriptions.status', 'in', ['active', 'trialing'])
    .where('subscriptions.ended_at', 'is', null)
    .where('subscriptions.cancel_at_period_end', '=', 0)
    // Schools and companies first: they are who buy campus licenses.
    .orderBy(sql`customers.company IS NULL`)
    .orderBy('customers.created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ customerId: r.customer_id, label: r.company ?? r.name, subscriptionId: r.id }));
}

/** Customers on no paid plan, for pilots: a school trying the platform before it buys. */
async function prospects(
  db: Kysely<DB>,
  tenantId: string,
  taken: Set<string>,
  limit: number,
): Promise<Holder[]> {
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'name', 'company'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .where('company', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('subscriptions')
            .select('subscriptions.id')
            .whereRef('subscriptions.customer_id', '=', 'customers.id')
            .where('subscriptions.ended_at', 'is', null),
        ),
      ),
    )
    .orderBy('created_at', 'desc')
    .limit(limit + taken.size)
    .execute();
  // Companies repeat among the demo's customers: a pilot goes to one that holds no license yet.
  return rows
    .filter((r) => !taken.has(r.id) && !taken.has(r.company ?? r.name))
    .slice(0, limit)
    .map((r) => ({ customerId: r.id, label: r.company ?? r.name, subscriptionId: null }));
}

/** The demo year's licensing, as milestones of its billing history (server/demo/billing-history.ts). */
export function demoLicensingMilestones(options: {
  db: Kysely<DB>;
  tenantId: string;
  catalog: DemoCatalog;
  now: number;
}): DemoMilestone[] {
  const { db, tenantId, catalog, now } = options;
  const policies = new Map<PolicyName, string>();
  const issued: IssuedDemoLicense[] = [];
  const taken = new Set<string>();

  const issue: DemoMilestone['run'] = async ({ caller }) => {
    for (const [name, fields] of Object.entries(POLICIES) as [PolicyName, (typeof POLICIES)[PolicyName]][]) {
      const planId =
        name === 'campus' ? catalog.plans.enterprise : name === 'studio' ? catalog.plans.pro : null;
      const policy = await caller.licensePolicies.create({ ...fields, productId: catalog.productId, planId });
      policies.set(name, policy.id);
    }
    await issueTo(await subscribersOf(db, tenantId, catalog.plans.enterprise, 6), 'campus', 'campus');
    await issueTo(await subscribersOf(db, tenantId, catalog.plans.pro, 2), 'studio', 'studio');

    async function issueTo(holders: Holder[], policy: PolicyName, suffix: string) {
      for (const holder of holders) {
        const { license, key } = await caller.licenses.issue({
          customerId: holder.customerId,
          policyId: policies.get(policy) ?? '',
          subscriptionId: holder.subscriptionId ?? undefined,
          name: `${holder.label} ${suffix}`,
        });
        taken.add(holder.customerId).add(holder.label);
        issued.push({ id: license.id, key, policy, customerId: holder.customerId, label: holder.label });
      }
    }
  };

  const pilot: DemoMilestone['run'] = async ({ caller }) => {
    for (const holder of await prospects(db, tenantId, taken, 1)) {
      const { license, key } = await caller.licenses.issue({
        customerId: holder.customerId,
        policyId: policies.get('pilot') ?? '',
        name: `${holder.label} pilot`,
      });
      taken.add(holder.customerId).add(holder.label);
      issued.push({
        id: license.id,
        key,
        policy: 'pilot',
        customerId: holder.customerId,
        label: holder.label,
      });
    }
  };

  const activity = demoLicensingActivity(tenantId, issued);
  return [
    // Licensing starts a quarter before today, so the subscriptions' renewals extend the licenses.
    { at: now - 95 * DAY_MS, run: issue },
    // Two pilots: the older one ends in 6 days (a reminder's worth), the newer has just begun.
    { at: now - 24 * DAY_MS, run: pilot },
    { at: now - 4 * DAY_MS, run: pilot },
    { at: now - 3 * DAY_MS, run: activity.setUp },
    { at: now - 2 * DAY_MS, run: activity.validations },
    { at: now - 26 * HOUR, run: activity.validations },
    { at: now - 5 * HOUR, run: activity.validations },
  ];
}
