import { COMPANIES, EMAIL_DOMAINS, LOCALES, type Locale } from './names';
import { SeededRandom } from './random';

/** A customer as the generator invents it, before it gets an id in a workspace. */
export interface GeneratedCustomer {
  name: string;
  email: string;
  country: string;
  company: string | null;
  createdAt: number;
}

const DAY = 86_400_000;
const totalWeight = LOCALES.reduce((sum, locale) => sum + locale.weight, 0);

function pickLocale(random: SeededRandom): Locale {
  let roll = random.next() * totalWeight;
  for (const locale of LOCALES) {
    roll -= locale.weight;
    if (roll < 0) return locale;
  }
  return LOCALES[0] as Locale;
}

/** Lowercase ASCII for an email's local part: "Éloïse de Jong" → "eloise.dejong". */
function emailPart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function companyDomain(company: string): string {
  return `${emailPart(company.replace(/&/g, 'and'))}.com`;
}

/**
 * Invents `count` customers with realistic names, emails, countries and sign-up dates
 * spread over `spanDays` before `now`, weighted towards recent months as a growing
 * business would see. Deterministic for a seed; emails are unique.
 */
export function* generateCustomers(options: {
  seed: number;
  count: number;
  now: number;
  spanDays?: number;
}): Generator<GeneratedCustomer> {
  const random = new SeededRandom(options.seed);
  const span = (options.spanDays ?? 730) * DAY;
  const usedEmails = new Set<string>();
  for (let i = 0; i < options.count; i++) {
    const locale = pickLocale(random);
    const first = random.pick(locale.first);
    const last = random.pick(locale.last);
    const company = random.chance(0.45) ? random.pick(COMPANIES) : null;
    const domain = company && random.chance(0.7) ? companyDomain(company) : random.pick(EMAIL_DOMAINS);
    const local = random.chance(0.6)
      ? `${emailPart(first)}.${emailPart(last)}`
      : `${emailPart(first).charAt(0)}${emailPart(last)}`;
    let email = `${local}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
    usedEmails.add(email);
    // sqrt skews sign-ups towards the recent end of the span.
    const age = Math.floor(Math.sqrt(random.next()) * span);
    yield {
      name: `${first} ${last}`,
      email,
      country: random.pick(locale.countries),
      company,
      createdAt: options.now - span + age,
    };
  }
}
