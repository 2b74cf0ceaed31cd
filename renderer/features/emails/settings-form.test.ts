import { describe, expect, it } from 'vitest';
import { toFormValues, validateSettingsForm } from './settings-form';

const DEFAULTS = {
  senderName: 'Lumen Academy',
  fromAddress: null,
  replyTo: null,
  brandColor: '#1c7ed6',
  footerText: 'You receive this email because you have an account with Lumen Academy.',
  version: 0,
};

describe('the sender settings form', () => {
  it('edits unset addresses as empty fields, which are valid', () => {
    const values = toFormValues(DEFAULTS);
    expect(values.fromAddress).toBe('');
    expect(validateSettingsForm(values)).toEqual({});
  });

  it('names each field that breaks the server’s rules', () => {
    expect(
      validateSettingsForm({
        senderName: '',
        fromAddress: 'billing',
        replyTo: 'x@',
        brandColor: 'blue',
        footerText: ' ',
      }),
    ).toEqual({
      senderName: 'Sender name is required',
      fromAddress: 'From address must be a valid address, like billing@example.com',
      replyTo: 'Reply-to address must be a valid address, like billing@example.com',
      brandColor: 'Brand colour must be a hex colour like #1c7ed6',
      footerText: 'Footer text is required',
    });
  });
});
