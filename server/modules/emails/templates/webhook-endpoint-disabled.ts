import { emailDate } from './format';
import type { EmailContent } from './layout';

export interface WebhookEndpointDisabledFacts {
  /** The admin it is addressed to. */
  recipientName: string;
  url: string;
  /** The first failed attempt of the run that ended in the disable. */
  failingSince: number;
  disabledAt: number;
}

/** To a workspace's admins: an endpoint that failed every delivery for three days was turned off. */
export function webhookEndpointDisabledEmail(f: WebhookEndpointDisabledFacts): EmailContent {
  return {
    subject: `A webhook endpoint was turned off: ${f.url}`,
    heading: 'A webhook endpoint was turned off',
    paragraphs: [
      `Hello ${f.recipientName},`,
      `Every delivery to ${f.url} has failed since ${emailDate(f.failingSince)}, so Tollgate turned the endpoint off and stopped sending to it.`,
      'Events that were not delivered are kept. Once the receiver works again, turn the endpoint on under Webhooks in the console: the waiting events go out, and each failed one can be sent again from its delivery log.',
    ],
    facts: [
      { label: 'Endpoint', value: f.url },
      { label: 'Failing since', value: emailDate(f.failingSince) },
      { label: 'Turned off', value: emailDate(f.disabledAt) },
    ],
    callout: 'Check the receiver, then turn the endpoint back on.',
  };
}
