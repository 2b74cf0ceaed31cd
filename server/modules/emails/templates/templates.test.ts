import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from './html';
import { renderDraft, type Brand, type EmailDraft } from './index';

const BRAND: Brand = {
  senderName: 'Lumen Academy',
  brandColor: '#12b886',
  footerText: 'Lumen Academy, 1 Main St, Springfield',
};
const MARCH_3 = Date.UTC(2026, 2, 3, 12);

const DRAFTS: { [T in EmailDraft['template']]: Extract<EmailDraft, { template: T }> } = {
  receipt: {
    template: 'receipt',
    facts: {
      customerName: 'Ada Lovelace',
      invoiceNumber: 'INV-000042',
      currency: 'USD',
      amountPaid: 4900,
      paidAt: MARCH_3,
      lines: [{ description: 'Pro × 1 (monthly)', amount: 4900 }],
      card: { brand: 'Visa', last4: '4242' },
    },
  },
  trial_ending: {
    template: 'trial_ending',
    facts: {
      customerName: 'Ada Lovelace',
      planName: 'Pro',
      trialEnd: MARCH_3,
      price: { amount: 1250, currency: 'EUR', interval: 'month', quantity: 2 },
      hasPaymentMethod: true,
    },
  },
  payment_failed: {
    template: 'payment_failed',
    facts: {
      customerName: 'Ada Lovelace',
      invoiceNumber: 'INV-000042',
      currency: 'JPY',
      amountDue: 1000,
      nextAttemptAt: MARCH_3,
      hardDecline: false,
    },
  },
  payment_recovered: {
    template: 'payment_recovered',
    facts: { customerName: 'Ada Lovelace', invoiceNumber: 'INV-000042', currency: 'USD', amount: 4900 },
  },
  final_notice: {
    template: 'final_notice',
    facts: {
      customerName: 'Ada Lovelace',
      invoiceNumber: 'INV-000042',
      currency: 'USD',
      amount: 4900,
      lastAttemptAt: MARCH_3,
      finalAction: 'cancel',
    },
  },
  subscription_canceled: {
    template: 'subscription_canceled',
    facts: {
      customerName: 'Ada Lovelace',
      planName: 'Pro',
      endedAt: MARCH_3,
      reason: 'trial_ended_without_payment_method',
    },
  },
  webhook_endpoint_disabled: {
    template: 'webhook_endpoint_disabled',
    facts: {
      recipientName: 'Ada Lovelace',
      url: 'https://hooks.example.com/tollgate?a=1&b=2',
      failingSince: MARCH_3,
      disabledAt: MARCH_3 + 3 * 86_400_000,
    },
  },
  finance_pack: {
    template: 'finance_pack',
    facts: {
      recipientName: 'Ada Lovelace',
      workspaceName: 'Lumen Academy',
      monthLabel: 'February 2026',
      figures: [
        { label: 'MRR at the end', value: '$12,340.00' },
        { label: 'Net new MRR', value: '+$1,020.00' },
      ],
      attachmentNames: ['finance-pack-2026-02.pdf', 'finance-pack-2026-02.xlsx'],
    },
  },
  account_invitation: {
    template: 'account_invitation',
    facts: {
      recipientName: 'Ada Lovelace',
      accountName: 'Ada Industries',
      invitedBy: 'Grace Hopper',
      code: 'tga_example-code',
      expiresAt: MARCH_3,
    },
  },

  license_seat_invitation: {
    template: 'license_seat_invitation',
    facts: {
      recipientName: 'Ada Lovelace',
      accountName: 'Ada Industries',
      licenseName: 'Campus 2027',
      assignedBy: 'Grace Hopper',
      userRef: 'ada@ada.example',
    },
  },
  license_expiring: {
    template: 'license_expiring',
    facts: {
      recipientName: 'Ada Lovelace',
      accountName: 'Ada Industries',
      licenseName: 'Campus site license',
      keyHint: 'x7Qa',
      expiresAt: MARCH_3,
      days: 7,
      renewsWithSubscription: false,
    },
  },
  license_usage_alert: {
    template: 'license_usage_alert',
    facts: {
      recipientName: 'Ada Lovelace',
      accountName: 'Ada Industries',
      licenseName: 'Campus site license',
      metric: 'course_hours',
      period: '2026-03',
      used: 82,
      limit: 100,
      percent: 80,
      rule: { kind: 'BILL', unitPrice: 250, currency: 'USD' },
    },
  },
};

describe('every template', () => {
  for (const draft of Object.values(DRAFTS)) {
    it(`${draft.template}: branded HTML and a plain-text twin that say the same`, () => {
      const email = renderDraft(BRAND, draft);
      expect(email.subject).not.toBe('');
      for (const body of [email.html, email.text]) {
        expect(body).toContain('Lumen Academy');
        expect(body).toContain('Hello Ada Lovelace,');
        expect(body).toContain('Lumen Academy, 1 Main St, Springfield');
      }
      expect(email.html).toContain('background:#12b886');
      expect(email.html).toMatch(/^<!doctype html>/);
      expect(email.text).not.toMatch(/<[a-z]/i);
    });
  }
});

describe('what each template says', () => {
  it('the finance pack: the month, its headline figures and what is attached', () => {
    const { subject, text } = renderDraft(BRAND, DRAFTS.finance_pack);
    expect(subject).toBe('Lumen Academy: finance pack for February 2026');
    expect(text).toContain('MRR at the end: $12,340.00');
    expect(text).toContain('Net new MRR: +$1,020.00');
    expect(text).toContain('Attached: finance-pack-2026-02.pdf and finance-pack-2026-02.xlsx.');
  });

  it('an account invitation: who invites, to which account, the code and until when', () => {
    const { subject, text } = renderDraft(BRAND, DRAFTS.account_invitation);
    expect(subject).toBe("You are invited to manage Ada Industries's account with Lumen Academy");
    expect(text).toContain('Grace Hopper at Lumen Academy invited you to administer Ada Industries');
    expect(text).toContain('Invitation code: tga_example-code');
    expect(text).toContain('Valid until: March 3, 2026');
  });

  it('a seat invitation: which license of which account, who gave it, who the app knows them as', () => {
    const { subject, text } = renderDraft(BRAND, DRAFTS.license_seat_invitation);
    expect(subject).toBe("You have a seat on Ada Industries's Campus 2027 license");
    expect(text).toContain(
      "Grace Hopper gave you a named seat on Ada Industries's Campus 2027 license with Lumen Academy",
    );
    expect(text).toContain('Signed in as: ada@ada.example');
  });

  it('a license expiring: which license, whose, when, and what to do', () => {
    const { subject, text } = renderDraft(BRAND, DRAFTS.license_expiring);
    expect(subject).toBe("Ada Industries's license Campus site license expires on March 3, 2026");
    expect(text).toContain('A license expires within 7 days');
    expect(text).toContain('(key ending x7Qa) from Lumen Academy expires on March 3, 2026');
    expect(text).toContain('renew it with Lumen Academy before it expires');
  });

  it('a usage alert: which metric of which license, how much of the limit, and what happens past it', () => {
    const { subject, text } = renderDraft(BRAND, DRAFTS.license_usage_alert);
    expect(subject).toBe(
      "Ada Industries's license Campus site license: course_hours is at 80 % of its limit",
    );
    expect(text).toContain('has used 82 of 100 course_hours in the period 2026-03');
    expect(text).toContain('Each unit past 100 is billed at $2.50 on your next invoice');
  });

  it('a receipt: amount, lines, date and card, money in the invoice currency', () => {
    const { subject, text, html: body } = renderDraft(BRAND, DRAFTS.receipt);
    expect(subject).toBe('Receipt for INV-000042 from Lumen Academy');
    expect(text).toContain('We received your payment of $49.00 for invoice INV-000042.');
    expect(text).toContain('Pro × 1 (monthly): $49.00');
    expect(text).toContain('Paid on: March 3, 2026');
    expect(text).toContain('Payment method: Visa ending in 4242');
    expect(body).toContain('$49.00');
  });

  it('trial ending: the date and the price after it, times the quantity', () => {
    const { subject, text } = renderDraft(BRAND, DRAFTS.trial_ending);
    expect(subject).toBe('Your Pro trial ends on March 3, 2026');
    expect(text).toContain('continues at €25.00 per month, charged to the payment method on file');
    const noCard = renderDraft(BRAND, {
      template: 'trial_ending',
      facts: { ...DRAFTS.trial_ending.facts, hasPaymentMethod: false },
    });
    expect(noCard.text).toContain('add a payment method before the trial ends');
  });

  it('payment failed: the next retry date; zero-decimal currencies stay whole', () => {
    const { subject, text } = renderDraft(BRAND, DRAFTS.payment_failed);
    expect(subject).toBe('Payment failed for invoice INV-000042');
    expect(text).toContain('We tried to charge ¥1,000');
    expect(text).toContain('We will try again on March 3, 2026.');
    expect(text).toContain('Next attempt: March 3, 2026');
    expect(text).not.toContain('Update your card to pay');
  });

  it('payment failed with a hard decline, or no retries left: update your card, no retry date', () => {
    const base = DRAFTS.payment_failed.facts;
    const hard = renderDraft(BRAND, {
      template: 'payment_failed',
      facts: { ...base, hardDecline: true },
    });
    expect(hard.text).toContain('Your card was declined and will not be charged again.');
    expect(hard.text).toContain('Update your card to pay this invoice.');
    expect(hard.text).not.toContain('Next attempt');
    const last = renderDraft(BRAND, {
      template: 'payment_failed',
      facts: { ...base, nextAttemptAt: null },
    });
    expect(last.text).toContain('We will not retry this card again.');
    expect(last.text).not.toContain('Next attempt');
  });

  it('payment recovered and final notice', () => {
    expect(renderDraft(BRAND, DRAFTS.payment_recovered).text).toContain(
      'your payment of $49.00 for invoice INV-000042 succeeded',
    );
    const cancel = renderDraft(BRAND, DRAFTS.final_notice);
    expect(cancel.subject).toBe('Final notice: invoice INV-000042 is still unpaid');
    expect(cancel.text).toContain(
      'We will make a last attempt on March 3, 2026. If it fails, your subscription will be canceled.',
    );
    const unpaid = renderDraft(BRAND, {
      template: 'final_notice',
      facts: { ...DRAFTS.final_notice.facts, finalAction: 'mark_unpaid', lastAttemptAt: null },
    });
    expect(unpaid.text).toContain('marked unpaid and this invoice closed as uncollectible');
  });

  it('subscription canceled explains why in words', () => {
    const { subject, text } = renderDraft(BRAND, DRAFTS.subscription_canceled);
    expect(subject).toBe('Your Pro subscription has been canceled');
    expect(text).toContain('ended on March 3, 2026 because the trial ended without a payment method.');
  });
});

describe('escaping', () => {
  const HOSTILE = `<script>alert("x")</script> & <img src=x onerror='y'>`;

  it('user-provided text never opens a tag or attribute in the HTML, and reads as written in the text', () => {
    const email = renderDraft(
      { senderName: HOSTILE, brandColor: '#000000', footerText: HOSTILE },
      {
        template: 'subscription_canceled',
        facts: { customerName: HOSTILE, planName: HOSTILE, endedAt: MARCH_3, reason: HOSTILE },
      },
    );
    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=&#39;y&#39;&gt;',
    );
    expect(email.text).toContain(`Hello ${HOSTILE},`);
  });

  it('a bad brand colour never reaches the style attribute', () => {
    const email = renderDraft(
      { ...BRAND, brandColor: 'red;background:url(https://evil.example/x)' },
      DRAFTS.receipt,
    );
    expect(email.html).not.toContain('evil.example');
    expect(email.html).toContain('background:#1c7ed6');
  });

  it('a subject stays on one line whatever the plan is called', () => {
    const email = renderDraft(BRAND, {
      template: 'subscription_canceled',
      facts: { customerName: 'A', planName: 'Pro\r\nBcc: x@evil.example', endedAt: MARCH_3, reason: 'x' },
    });
    expect(email.subject).toBe('Your Pro Bcc: x@evil.example subscription has been canceled');
  });

  it('for any names, the HTML has exactly the tags of the template (property)', () => {
    const tagsIn = (s: string) => (s.match(/</g) ?? []).length;
    const plain = renderDraft(BRAND, DRAFTS.receipt).html;
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (name, line, sender) => {
        const email = renderDraft(
          { ...BRAND, senderName: sender },
          {
            template: 'receipt',
            facts: {
              ...DRAFTS.receipt.facts,
              customerName: name,
              lines: [{ description: line, amount: 4900 }],
            },
          },
        );
        expect(tagsIn(email.html)).toBe(tagsIn(plain));
      }),
    );
  });

  it('html`` escapes values and keeps nested safe fragments', () => {
    expect(escapeHtml(`'"<>&`)).toBe('&#39;&quot;&lt;&gt;&amp;');
    expect(html`<b>${'<i>'}</b>${html`<br />`}${[html`<hr />`, html`<hr />`]}`.value).toBe(
      '<b>&lt;i&gt;</b><br /><hr /><hr />',
    );
  });
});
