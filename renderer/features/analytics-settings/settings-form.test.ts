import { describe, expect, it } from 'vitest';
import { rebuildText } from './rebuild-text';
import { rebuildNotice, settingsFromForm, settingsToForm, validateSettingsForm } from './settings-form';

const saved = {
  reportingCurrency: 'USD',
  pastDueChurnDays: null,
  financePackRecipients: ['cfo@example.com'],
};

describe('the analytics settings form', () => {
  it('round-trips the saved settings and reads recipients one a line or by commas', () => {
    expect(settingsFromForm(settingsToForm(saved))).toEqual(saved);
    const values = { ...settingsToForm(saved), recipients: 'a@example.com, b@example.com\n\nc@example.com' };
    expect(settingsFromForm(values).financePackRecipients).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
    expect(settingsFromForm({ ...values, pastDueChurn: true, pastDueChurnDays: 14 }).pastDueChurnDays).toBe(
      14,
    );
  });

  it('names the bad recipient, a bad currency and days out of range', () => {
    const values = settingsToForm(saved);
    expect(validateSettingsForm({ ...values, recipients: 'cfo@example.com\nnot-an-email' })).toEqual({
      recipients: 'not-an-email: Each recipient must be a valid address, like ada@example.com',
    });
    expect(validateSettingsForm({ ...values, reportingCurrency: 'XX' })).toHaveProperty('reportingCurrency');
    expect(validateSettingsForm({ ...values, pastDueChurn: true, pastDueChurnDays: 0 })).toHaveProperty(
      'pastDueChurnDays',
    );
    expect(validateSettingsForm({ ...values, pastDueChurn: false, pastDueChurnDays: 0 })).toEqual({});
  });

  it('says a rebuild follows only when the currency or the past-due setting changes', () => {
    const values = settingsToForm(saved);
    expect(rebuildNotice(values, { ...values, recipients: '' })).toBeNull();
    expect(rebuildNotice(values, { ...values, reportingCurrency: 'EUR' })).toMatch(/rebuilds/);
    expect(rebuildNotice(values, { ...values, pastDueChurn: true })).toMatch(/rebuilds/);
  });
});

describe('the rebuild’s state', () => {
  const idle = {
    status: 'idle' as const,
    done: 0,
    total: 0,
    error: null,
    rebuiltAt: null,
    differences: null,
  };
  it('shows progress while running and the differences found after', () => {
    expect(rebuildText({ ...idle, status: 'running', done: 250, total: 1000 })).toMatchObject({
      text: 'Rebuilding: 250 of 1,000 customers',
      percent: 25,
    });
    expect(rebuildText({ ...idle, rebuiltAt: 1, differences: 0 }).text).toMatch(/0 differences/);
    expect(rebuildText({ ...idle, rebuiltAt: 1, differences: 3 }).text).toMatch(/3 movement rows different/);
    expect(rebuildText({ ...idle, status: 'failed', error: 'disk full' }).text).toMatch(/failed: disk full/);
  });
});
