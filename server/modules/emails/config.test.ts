import { describe, expect, it } from 'vitest';
import { smtpConfigFromEnv } from './config';

const problem = (env: Record<string, string>) => {
  try {
    smtpConfigFromEnv(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('SMTP configuration from the environment', () => {
  it('no SMTP_ variables (or only empty ones): no SMTP, emails are held', () => {
    expect(smtpConfigFromEnv({})).toBeNull();
    expect(smtpConfigFromEnv({ SMTP_HOST: ' ', SMTP_PASSWORD: '' })).toBeNull();
  });

  it('a full configuration', () => {
    expect(
      smtpConfigFromEnv({
        SMTP_HOST: 'smtp.example.com',
        SMTP_PORT: '465',
        SMTP_SECURE: 'true',
        SMTP_USER: 'billing',
        SMTP_PASSWORD: 'pa55-word',
        SMTP_FROM: 'billing@example.com',
      }),
    ).toEqual({
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      auth: { user: 'billing', pass: 'pa55-word' },
      requireTls: false,
      from: 'billing@example.com',
    });
  });

  it('a password for a remote host over port 587 insists on STARTTLS; loopback does not', () => {
    const remote = smtpConfigFromEnv({
      SMTP_HOST: 'smtp.example.com',
      SMTP_USER: 'u',
      SMTP_PASSWORD: 'p',
      SMTP_FROM: 'billing@example.com',
    });
    expect(remote).toMatchObject({ port: 587, secure: false, requireTls: true });
    const local = smtpConfigFromEnv({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '2525', SMTP_FROM: 'a@b.example' });
    expect(local).toMatchObject({ port: 2525, auth: null, requireTls: false });
  });

  it.each([
    [{ SMTP_HOST: 'smtp.example.com' }, 'SMTP_FROM is required with SMTP_HOST'],
    [{ SMTP_FROM: 'a@b.example' }, 'SMTP_HOST is required when any SMTP_ variable is set'],
    [{ SMTP_HOST: 'smtp example', SMTP_FROM: 'a@b.example' }, 'SMTP_HOST must be a host name or address'],
    [
      { SMTP_HOST: 'h', SMTP_PORT: '70000', SMTP_FROM: 'a@b.example' },
      'SMTP_PORT must be a whole number from 1 to 65535',
    ],
    [
      { SMTP_HOST: 'h', SMTP_PORT: 'smtp', SMTP_FROM: 'a@b.example' },
      'SMTP_PORT must be a whole number from 1 to 65535',
    ],
    [{ SMTP_HOST: 'h', SMTP_SECURE: 'yes', SMTP_FROM: 'a@b.example' }, 'SMTP_SECURE must be true or false'],
    [{ SMTP_HOST: 'h', SMTP_FROM: 'billing' }, 'SMTP_FROM must be an email address'],
    [
      { SMTP_HOST: 'h', SMTP_FROM: 'a@b.example', SMTP_PASSWORD: 'hunter2-secret' },
      'SMTP_USER and SMTP_PASSWORD go together',
    ],
  ])('%o → "%s"', (env, message) => {
    expect(problem(env)).toContain(message);
  });

  it('names every bad variable at once, and never repeats a value', () => {
    const message = problem({
      SMTP_HOST: 'bad host',
      SMTP_PORT: '0',
      SMTP_USER: 'user',
      SMTP_PASSWORD: 'hunter2-secret\n',
      SMTP_FROM: 'hunter2-secret',
    });
    expect(message).toMatch(/^Invalid email \(SMTP\) configuration: /);
    expect(message).toContain('SMTP_HOST');
    expect(message).toContain('SMTP_PORT');
    expect(message).toContain('SMTP_FROM');
    expect(message).not.toContain('hunter2');
  });
});
