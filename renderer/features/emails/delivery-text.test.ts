import { describe, expect, it } from 'vitest';
import { heldEmailsNotice } from './delivery-text';

describe('the held-emails notice', () => {
  it('says emails are held without SMTP, and how to configure it', () => {
    const notice = heldEmailsNotice('held_no_smtp');
    expect(notice?.title).toBe('Emails are held: no SMTP server is configured');
    expect(notice?.message).toMatch(/environment of the Tollgate backend .* restart it/);
  });

  it('says the demo holds them on purpose', () => {
    expect(heldEmailsNotice('held_demo')?.title).toBe('The demo workspace holds its emails on purpose');
  });

  it('says nothing when emails leave, here or from the hosted server', () => {
    expect(heldEmailsNotice('sending')).toBeNull();
    expect(heldEmailsNotice('server')).toBeNull();
  });
});
