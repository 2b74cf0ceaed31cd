import { describe, expect, it } from 'vitest';
import {
  PASSWORD,
  hosted,
  mutate,
  person,
  query,
  refusal,
  signIn,
  tenantA,
  useAuthServer,
} from '../../hosted/auth.test-kit';

/**
 * Account admins end to end over real HTTP (decision 145): staff invite an email from a
 * customer's page, the code arrives by email (the outbox), the invitee accepts and is
 * signed in, reads only their own customer's account, is refused every staff procedure and
 * the REST API, and is signed out when removed.
 */

useAuthServer();

interface Ids {
  staff: string;
  x: string;
  y: string;
  xInvoice: string;
  yInvoice: string;
}

async function ok<T>(outcome: Promise<{ data?: T; error?: { message: string } }>): Promise<T> {
  const { data, error } = await outcome;
  if (data === undefined) throw new Error(`call failed: ${error?.message}`);
  return data;
}

/** X and Y, each subscribed (so invoiced and paid), made by a billing member; Ada (admin) invites. */
async function seed(): Promise<Ids> {
  await person('bill@a.test', tenantA, 'billing');
  const bill = (await signIn('bill@a.test')).accessToken;
  const ada = (await signIn('ada@a.test')).accessToken;
  const as = { token: bill, tenantId: tenantA.id };
  const product = await ok(mutate<{ id: string }>('catalog.createProduct', { name: 'Courses' }, as));
  const plan = await ok(
    mutate<{ id: string }>(
      'catalog.createPlan',
      { productId: product.id, name: 'Team', isDefault: true },
      as,
    ),
  );
  const price = await ok(
    mutate<{ id: string }>(
      'catalog.createPrice',
      { planId: plan.id, amount: 9900, currency: 'EUR', interval: 'month' },
      as,
    ),
  );
  const subscribed = async (name: string, email: string) => {
    const customer = await ok(mutate<{ id: string }>('customers.create', { name, email, country: 'FR' }, as));
    await ok(mutate('paymentMethods.add', { customerId: customer.id, source: '4242 4242 4242 4242' }, as));
    const sub = await ok(
      mutate<{ invoice: { id: string } }>(
        'subscriptions.create',
        { customerId: customer.id, priceId: price.id, trialDays: 0 },
        as,
      ),
    );
    return { id: customer.id, invoice: sub.invoice.id };
  };
  const x = await subscribed('Xander Corp', 'billing@x.example');
  const y = await subscribed('Yolanda Ltd', 'billing@y.example');
  return { staff: ada, x: x.id, y: y.id, xInvoice: x.invoice, yInvoice: y.invoice };
}

/**
 * The invitation code as the mailer will send it: the outbox row (replicated, shown to staff)
 * holds a marker in its place, and the code waits beside it in email_secrets until sent.
 */
async function codeFromEmail(email: string): Promise<string> {
  const db = hosted.backend.database.db;
  const row = await db
    .selectFrom('email_outbox')
    .select(['id', 'template', 'text'])
    .where('recipient', '=', email)
    .executeTakeFirstOrThrow();
  expect(row.template).toBe('account_invitation');
  expect(row.text).toContain('Invitation code: «code, sent to the recipient only»');
  expect(row.text).not.toMatch(/tga_/);
  const secrets = await db
    .selectFrom('email_secrets')
    .select('secrets')
    .where('email_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const code = (JSON.parse(secrets.secrets) as { code?: string }).code;
  if (!code) throw new Error('no code kept for the invitation email');
  return code;
}

async function invitedAndAccepted(ids: Ids) {
  const staff = { token: ids.staff, tenantId: tenantA.id };
  const invited = await ok(
    mutate<{ token: string; invitation: { id: string } }>(
      'accountAdmins.invite',
      { customerId: ids.x, email: 'Xavier@X.example' },
      staff,
    ),
  );
  const code = await codeFromEmail('xavier@x.example');
  expect(code).toBe(invited.token);
  const signedIn = await ok(
    mutate<{ accessToken: string; user: { id: string } }>('auth.acceptInvitation', {
      token: code,
      name: 'Xavier',
      password: PASSWORD,
    }),
  );
  return { staff, xavier: { token: signedIn.accessToken }, userId: signedIn.user.id };
}

describe('account admins', () => {
  it('are invited by email, accept, and read only their own customer’s account', async () => {
    const ids = await seed();
    const { xavier } = await invitedAndAccepted(ids);
    // Signing in later is the ordinary sign-in.
    const again = { token: (await signIn('xavier@x.example')).accessToken };

    const overview = await ok(
      query<{ customer: { id: string }; vendor: { name: string } }>('account.overview', undefined, again),
    );
    expect(overview.customer.id).toBe(ids.x);
    expect(overview.vendor.name).toBe('Tenant A');
    const invoices = await ok(query<{ items: { id: string }[] }>('account.invoices', {}, xavier));
    expect(invoices.items.map((i) => i.id)).toEqual([ids.xInvoice]);
    await ok(query('account.receipt', { id: ids.xInvoice, format: 'pdf' }, xavier));

    // Y's ids are not found; a customer id in the input is not even accepted.
    for (const path of ['account.invoice', 'account.receipt']) {
      const input = path === 'account.receipt' ? { id: ids.yInvoice, format: 'html' } : { id: ids.yInvoice };
      refusal(await query(path, input, xavier), 'NOT_FOUND', 'Invoice was not found');
    }
    const named = await query('account.invoices', { customerId: ids.y }, xavier);
    expect(named.error?.data.domainCode).toBe('INVALID_INPUT');

    // No staff procedure lets them in, in their own tenant or without naming one.
    for (const [path, input] of [
      ['customers.list', {}],
      ['customers.get', { id: ids.y }],
      ['invoices.get', { id: ids.xInvoice }],
      ['tenants.session', undefined],
    ] as const) {
      refusal(await query(path, input, xavier), 'FORBIDDEN', 'You are not a member of that workspace');
      refusal(
        await query(path, input, { ...xavier, tenantId: tenantA.id }),
        'FORBIDDEN',
        'You are not a member of that workspace',
      );
    }
  });

  it('reach nothing through the REST API: their sign-in token is not an API key', async () => {
    const ids = await seed();
    const { xavier } = await invitedAndAccepted(ids);
    for (const path of ['/customers', `/customers/${ids.x}`, `/invoices/${ids.xInvoice}`, '/subscriptions']) {
      const response = await fetch(`${hosted.url}/api/v1${path}`, {
        headers: { authorization: `Bearer ${xavier.token}` },
      });
      expect(response.status, path).toBe(401);
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code).toBe('api_key_required');
    }
  });

  it('are audited both sides, listed for staff, and signed out when removed', async () => {
    const ids = await seed();
    const { staff, xavier, userId } = await invitedAndAccepted(ids);
    const audit = await hosted.backend.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'tenant_id'])
      .where('action', 'like', 'account_invitation.%')
      .orderBy('at')
      .execute();
    expect(audit.map((a) => [a.action, a.actor_name, a.tenant_id])).toEqual(
      expect.arrayContaining([
        ['account_invitation.created', 'ada', tenantA.id],
        ['account_invitation.accepted', 'Xavier', tenantA.id],
      ]),
    );
    const listed = await ok(
      query<{ admins: { userId: string; email: string }[]; invitations: unknown[] }>(
        'accountAdmins.list',
        { customerId: ids.x },
        staff,
      ),
    );
    expect(listed.admins.map((a) => [a.userId, a.email])).toEqual([[userId, 'xavier@x.example']]);
    expect(listed.invitations).toEqual([]);
    expect(
      (await ok(query<{ admins: unknown[] }>('accountAdmins.list', { customerId: ids.y }, staff))).admins,
    ).toEqual([]);

    // Removing names the customer: Xavier is no admin of Y.
    refusal(
      await mutate('accountAdmins.remove', { customerId: ids.y, userId }, staff),
      'NOT_FOUND',
      'Account admin was not found',
    );
    await ok(mutate('accountAdmins.remove', { customerId: ids.x, userId }, staff));
    const after = await query('account.overview', undefined, xavier);
    expect(after.error?.data.domainCode).toBe('UNAUTHENTICATED');
  });

  it('are invited only by staff who manage users, and an invitation can be revoked', async () => {
    const ids = await seed();
    const vic = { token: (await signIn('vic@a.test')).accessToken, tenantId: tenantA.id };
    refusal(
      await mutate('accountAdmins.invite', { customerId: ids.x, email: 'xavier@x.example' }, vic),
      'FORBIDDEN',
      'Your role does not allow users.manage',
    );
    const staff = { token: ids.staff, tenantId: tenantA.id };
    const invited = await ok(
      mutate<{ token: string; invitation: { id: string } }>(
        'accountAdmins.invite',
        { customerId: ids.x, email: 'xavier@x.example' },
        staff,
      ),
    );
    await ok(mutate('accountAdmins.revokeInvitation', { id: invited.invitation.id }, staff));
    refusal(
      await mutate('auth.acceptInvitation', { token: invited.token, name: 'Xavier', password: PASSWORD }),
      'NOT_FOUND',
      'This invitation was not found',
    );
  });
});
