import { describe, expect, it } from 'vitest';
import { QUEUED_KEY, queuedMarkOf } from '../../../shared/sync/offline';
import { DomainError } from '../../lib/errors';
import { answerOf, queuedAnswer } from './answers';
import { describeByPath } from './rebase';

describe('a command’s answer on a connected desktop', () => {
  it('is the provisional answer with the queued mark added, or the mark alone', () => {
    const mark = { outboxId: 7, label: 'Archive Ada' };
    const withEffect = queuedAnswer(mark, { id: 'cus_1', status: 'archived' });
    expect(withEffect).toEqual({ id: 'cus_1', status: 'archived', [QUEUED_KEY]: mark });
    expect(queuedMarkOf(withEffect)).toEqual(mark);
    for (const provisional of [undefined, null, 3, ['a']]) {
      expect(queuedAnswer(mark, provisional)).toEqual({ [QUEUED_KEY]: mark });
    }
  });

  it('throws the server’s refusal with its conflicts, each conflicting field named as a field error', () => {
    const conflicts = [{ field: 'name', theirs: 'Ada L.', yours: 'Ada' }];
    let thrown: unknown;
    try {
      answerOf({ id: 1, status: 'error', code: 'CONFLICT', message: 'Changed meanwhile', conflicts });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({
      code: 'CONFLICT',
      message: 'Changed meanwhile',
      conflicts,
      fieldErrors: { name: ['Changed meanwhile'] },
    });
    expect(answerOf({ id: 2, status: 'ok', result: { id: 'cus_1' } })).toEqual({ id: 'cus_1' });
  });

  it('names a command without an effect by its path', () => {
    expect(describeByPath('customers.update')).toEqual({ label: 'Customers · update', record: null });
    expect(describeByPath('paymentMethods.setDefault')).toEqual({
      label: 'Payment methods · set default',
      record: null,
    });
  });
});
