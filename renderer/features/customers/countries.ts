import { COUNTRY_CODES } from '../../../shared/countries';
import { countryName } from '../../lib/format';

export interface CountryOption {
  value: string;
  label: string;
}

let cached: CountryOption[] | null = null;

/** Every ISO code with its name in the user's language, sorted by name, for country pickers. */
export function countryOptions(): CountryOption[] {
  cached ??= COUNTRY_CODES.map((code) => ({ value: code, label: `${countryName(code)} (${code})` })).sort(
    (a, b) => a.label.localeCompare(b.label),
  );
  return cached;
}
