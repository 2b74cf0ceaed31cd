import { describe, expect, it } from 'vitest';
import { describeSmtpFailure } from './mailer';

describe('an SMTP failure as stored and shown', () => {
  it("keeps the server's reply on one line and never the password", () => {
    const failure = describeSmtpFailure(
      {
        code: 'EAUTH',
        responseCode: 535,
        response: '535 5.7.8 Authentication failed for user x with hunter2-secret\r\nbye',
      },
      'hunter2-secret',
    );
    expect(failure.message).toBe('EAUTH: 535 5.7.8 Authentication failed for user x with *** bye');
    // A refused login is fixable configuration: keep retrying.
    expect(failure.permanent).toBe(false);
  });

  it('a 5xx refusal of the message is permanent; 4xx and connection problems are not', () => {
    expect(
      describeSmtpFailure({ code: 'EENVELOPE', responseCode: 550, response: '550 No such user' }, null),
    ).toMatchObject({
      permanent: true,
      message: 'EENVELOPE: 550 No such user',
    });
    expect(
      describeSmtpFailure({ code: 'EENVELOPE', responseCode: 451, response: '451 Later' }, null).permanent,
    ).toBe(false);
    expect(
      describeSmtpFailure({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }, null),
    ).toMatchObject({
      permanent: false,
      message: 'connect ECONNREFUSED 127.0.0.1:1',
    });
  });

  it('caps a long reply', () => {
    expect(describeSmtpFailure({ response: 'x'.repeat(5000) }, null).message).toHaveLength(300);
  });
});
