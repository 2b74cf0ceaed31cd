import {
  analyticsSettingsInput,
  type AnalyticsSettingsInput,
} from '../../../shared/analytics/settings-schema';

/** The settings form's values, as its inputs hold them. */
export interface SettingsFormValues {
  reportingCurrency: string;
  /** Off: past-due subscriptions count until they end. */
  pastDueChurn: boolean;
  pastDueChurnDays: number | string;
  /** One address a line (or separated by commas). */
  recipients: string;
}

export function settingsToForm(settings: {
  reportingCurrency: string;
  pastDueChurnDays: number | null;
  financePackRecipients: string[];
}): SettingsFormValues {
  return {
    reportingCurrency: settings.reportingCurrency,
    pastDueChurn: settings.pastDueChurnDays !== null,
    pastDueChurnDays: settings.pastDueChurnDays ?? 30,
    recipients: settings.financePackRecipients.join('\n'),
  };
}

export function settingsFromForm(values: SettingsFormValues): AnalyticsSettingsInput {
  return {
    reportingCurrency: values.reportingCurrency.trim().toUpperCase(),
    pastDueChurnDays: values.pastDueChurn
      ? typeof values.pastDueChurnDays === 'number'
        ? values.pastDueChurnDays
        : Number.NaN
      : null,
    financePackRecipients: values.recipients
      .split(/[\n,;]+/)
      .map((address) => address.trim())
      .filter((address) => address !== ''),
  };
}

/** The server's own rules, checked before sending: the first problem per field (recipients by line). */
export function validateSettingsForm(values: SettingsFormValues): Record<string, string> {
  const parsed = analyticsSettingsInput.safeParse(settingsFromForm(values));
  const errors: Record<string, string> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const [field, index] = issue.path;
    if (field === 'financePackRecipients') {
      const address =
        typeof index === 'number' ? settingsFromForm(values).financePackRecipients[index] : undefined;
      errors.recipients ??= address ? `${address}: ${issue.message}` : issue.message;
    } else errors[String(field ?? '_')] ??= issue.message;
  }
  return errors;
}

/** What changing these settings does, said before saving. */
export function rebuildNotice(before: SettingsFormValues, after: SettingsFormValues): string | null {
  const a = settingsFromForm(before);
  const b = settingsFromForm(after);
  if (a.reportingCurrency === b.reportingCurrency && a.pastDueChurnDays === b.pastDueChurnDays) return null;
  return 'Saving rebuilds every MRR movement in the background; the Overview shows the new figures when it ends.';
}
