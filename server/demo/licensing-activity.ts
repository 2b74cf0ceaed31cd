import { runCommand } from '../commands/run-command';
import {
  activateByKey,
  assignSeat,
  flushValidationLog,
  recordUsageByKey,
  validateLicense,
  type LicenseCaller,
} from '../modules/licensing';
import type { DemoMilestone } from './billing-history';

/**
 * What the demo's licensed apps and their customers did in the last days: machines activated
 * and seats given (the API's and the console's own functions), usage reported, validations
 * logged from a few addresses, one license suspended by staff and one account's branding
 * published. One customer's usage sits near its limit, so the usage chart shows an alert.
 */

export interface IssuedDemoLicense {
  id: string;
  key: string;
  policy: 'campus' | 'studio' | 'pilot';
  customerId: string;
  /** The customer's company (else name), as the license is called. */
  label: string;
}

const MINUTE = 60_000;
const MACHINES = { campus: 4, studio: 1, pilot: 2 } as const;
const SEATS = { campus: 5, studio: 2, pilot: 2 } as const;
const MACHINE_NAMES = ['Library kiosk', 'Lab PC', 'Staff laptop', 'Studio Mac'];
const PLATFORMS = ['Windows 11', 'Windows 11', 'macOS 15', 'macOS 15'];
const PEOPLE = ['Ana Ortiz', 'Ben Okafor', 'Chloé Martin', 'Dev Patel', 'Eun-ji Park'];
const ADDRESSES = ['203.0.113.24', '198.51.100.7', '203.0.113.90'];
/** The app's caller: the license key alone, from a school's network. */
const from = (address: string | null): LicenseCaller => ({ kind: 'license-key', address });
const fingerprint = (license: IssuedDemoLicense, n: number) =>
  `demo-${license.id.slice(-8).toLowerCase()}-${n}`;
const seatEmail = (person: string, n: number) =>
  `${
    person
      .split(' ')[0]
      ?.toLowerCase()
      .replace(/[^a-z]/g, '') ?? 'user'
  }.${n}@staff.example`;

type Run = DemoMilestone['run'];

const ACTOR = { userId: null, name: 'Demo data', client: 'system:demo' };

/** A small SVG mark (a teal tile with an open book), the branded account's logo. */
const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">' +
  '<rect width="64" height="64" rx="12" fill="#0b7285"/>' +
  '<path d="M12 20 L32 26 L52 20 L52 46 L32 52 L12 46 Z" fill="#ffffff"/>' +
  '<path d="M32 26 L32 52" stroke="#0b7285" stroke-width="2"/></svg>';

/** Course hours a license reported this period: the first campus sits at 89 % of its 2,000. */
const hoursOf = (license: IssuedDemoLicense, index: number) =>
  index === 0 ? 1780 : license.policy === 'pilot' ? 45 : 240 + ((index * 137) % 600);

export function demoLicensingActivity(
  tenantId: string,
  issued: readonly IssuedDemoLicense[],
): { setUp: Run; validations: Run } {
  const live = new Set<string>();

  const setUp: Run = async ({ caller, services, clock }) => {
    const scope = { db: services.db, clock, tenantId, actor: ACTOR };
    for (const [index, license] of issued.entries()) {
      const machines = Math.max(1, MACHINES[license.policy] - (index % 2));
      for (let n = 0; n < machines; n++) {
        clock.set(clock.now() + 7 * MINUTE);
        const answer = await activateByKey(
          services,
          {
            key: license.key,
            fingerprint: fingerprint(license, n),
            name: `${MACHINE_NAMES[n] ?? 'Machine'} ${n + 1}`,
            platform: PLATFORMS[n] ?? 'Linux',
          },
          from(ADDRESSES[n % ADDRESSES.length] ?? null),
        );
        // A license whose subscription lapsed since it was issued takes no machines: it stays quiet.
        if (!answer.ok) break;
        live.add(license.id);
      }
      if (!live.has(license.id)) continue;
      const seats = Math.max(1, SEATS[license.policy] - (index % 3));
      for (let n = 0; n < seats; n++) {
        const person = PEOPLE[n] ?? 'Someone';
        await runCommand(scope, 'license_seat.assigned', async (trx, now) => {
          const input = { licenseId: license.id, email: seatEmail(person, index), name: person };
          const { seat, changes } = await assignSeat(trx, scope, input, now);
          return { result: seat, changes };
        });
      }
      // Only campus and pilot policies meter course hours.
      if (license.policy === 'studio') continue;
      const hours = hoursOf(license, index);
      await recordUsageByKey(
        services,
        {
          key: license.key,
          // Reported in a few batches, as an app would at the end of each teaching day.
          events: [0.5, 0.3, 0.2].map((share, n) => ({
            id: `demo-hours-${n}`,
            metric: 'course_hours',
            quantity: Math.max(1, Math.round(hours * share)),
            occurred_at: clock.now() - (3 - n) * 3_600_000,
          })),
        },
        from(ADDRESSES[0] ?? null),
      );
    }
    const campus = issued.filter((l) => l.policy === 'campus' && live.has(l.id));
    const branded = campus[0];
    if (branded) await publishAccountBranding(caller, branded);
    const suspended = campus.at(-1);
    if (suspended && suspended !== branded) {
      const { license } = await caller.licenses.get({ id: suspended.id });
      await caller.licenses.suspend({
        id: suspended.id,
        expectedVersion: license.version,
        reason: 'Key found in a public repository; suspended until the customer rotates it',
      });
    }
  };

  // A round of the apps' checks: each live license from its machines, one seat holder asking,
  // and now and then a machine the license does not know (refused, as the log shows).
  const validations: Run = async ({ services, clock }) => {
    for (const [index, license] of issued.entries()) {
      if (!live.has(license.id)) continue;
      for (let n = 0; n < MACHINES[license.policy]; n++) {
        clock.set(clock.now() + 3 * MINUTE);
        const stranger = (index + n) % 5 === 4;
        await validateLicense(
          services,
          {
            key: license.key,
            fingerprint: stranger ? `unknown-${index}-${n}` : fingerprint(license, n),
            scope: n === 0 ? { user: seatEmail(PEOPLE[0] ?? '', index) } : undefined,
          },
          from(ADDRESSES[n % ADDRESSES.length] ?? null),
          clock.now(),
        );
      }
    }
    await flushValidationLog(services.db);
  };

  return { setUp, validations };
}

type Caller = Parameters<Run>[0]['caller'];

/** The customer's own look for its people's emails and its app: a draft, then published. */
async function publishAccountBranding(caller: Caller, holder: IssuedDemoLicense): Promise<void> {
  const customerId = holder.customerId;
  const productName = `${holder.label} Learning`;
  const domain = `learn.${holder.label.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`;
  const { draft } = await caller.branding.saveDraft({
    customerId,
    branding: {
      productName,
      logo: `data:image/svg+xml;base64,${Buffer.from(LOGO_SVG).toString('base64')}`,
      colors: { primary: '#0b7285', accent: '#5f3dc4', background: '#ffffff', text: '#1a1a1a' },
      customDomain: domain,
      senderName: `${productName} team`,
      replyTo: `help@${domain}`,
    },
  });
  await caller.branding.publish({ customerId, draftId: draft.id });
}
