import {
  EMAIL_STATUSES,
  EMAIL_TEMPLATES,
  type EmailStatus,
  type EmailTemplate,
} from '../../../shared/emails/schema';

/** The emails list's view in the URL: a status and a template. */
export interface EmailsSearch {
  status?: EmailStatus;
  template?: EmailTemplate;
}

export function parseEmailsSearch(raw: Record<string, unknown>): EmailsSearch {
  const search: EmailsSearch = {};
  if ((EMAIL_STATUSES as readonly unknown[]).includes(raw.status)) search.status = raw.status as EmailStatus;
  if ((EMAIL_TEMPLATES as readonly unknown[]).includes(raw.template))
    search.template = raw.template as EmailTemplate;
  return search;
}

export function emailListFilters(search: EmailsSearch) {
  return { status: search.status ?? null, template: search.template ?? null };
}
