import { describe, expect, it } from 'vitest';
import { exportColumnId } from '../../../shared/exports/schema';
import { exportColumnsOf } from './export-columns';

describe('the export columns of a table', () => {
  it('are named by their headers’ words before any parenthesis', () => {
    expect(exportColumnId('Created (UTC)')).toBe('created');
    expect(exportColumnId('Amount (major units, see Currency)')).toBe('amount');
    expect(exportColumnId('Customer email')).toBe('customer-email');
    expect(exportColumnId('Created at Stripe (UTC)')).toBe('created-at-stripe');
  });

  it('are named by the shown columns’ headers unless a column says otherwise, each once', () => {
    expect(
      exportColumnsOf([
        { header: 'Date', exportAs: ['created'] },
        { header: 'Customer' },
        { header: 'Failure reason', exportAs: ['failure'] },
        { header: 'Period', exportAs: ['period-start', 'period-end'] },
        { header: 'Updated', exportAs: [] },
        { header: 'Created' },
      ]),
    ).toEqual(['created', 'customer', 'failure', 'period-start', 'period-end']);
  });
});
