import type { z } from 'zod';
import { manualInvoiceLines, manualInvoiceTotal, oneOffLine } from '../../../shared/billing/schema';
import { formatMoney, MAX_AMOUNT, money } from '../../../shared/money';
import { readAmount } from '../../lib/amount';
import type { CustomerOption } from '../../ui/CustomerSelect';

/** One line of the new-invoice form, as typed. */
export interface LineDraft {
  key: number;
  description: string;
  quantity: number | string;
  unitAmount: string;
}

/** The new-invoice form's values. */
export interface NewInvoiceValues {
  customer: CustomerOption | null;
  currency: string;
  lines: LineDraft[];
}

export interface ParsedLine {
  description: string;
  quantity: number;
  unitAmount: number;
}

export type ParsedLines =
  { ok: true; lines: ParsedLine[]; total: number } | { ok: false; errors: Record<string, string> };

/** A credit line gives money back, as a refund does: who may not refund may not credit. */
export const CREDIT_NEEDS_REFUND = 'A credit needs the refund permission';

/** The shared schema's message, with its cap shown as an amount of the currency being typed ("€999,999.99"). */
function linePriceMessage(issue: z.core.$ZodIssue, currency: string): string {
  if (issue.code !== 'custom') return issue.message;
  return `Unit price × quantity must be at most ${formatMoney(money(MAX_AMOUNT, currency))}`;
}

function parseLine(
  draft: LineDraft,
  index: number,
  context: { currency: string; mayCredit: boolean },
  errors: Record<string, string>,
): ParsedLine | null {
  const price = readAmount(draft.unitAmount, context.currency, {
    min: -MAX_AMOUNT,
    max: MAX_AMOUNT,
    label: 'Unit price',
  });
  if (!price.ok) errors[`lines.${index}.unitAmount`] = price.error;
  const unitAmount = price.ok ? price.amount : 0;
  const parsed = oneOffLine.safeParse({
    description: draft.description,
    quantity: draft.quantity,
    unitAmount,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.');
      errors[`lines.${index}.${field}`] ??=
        field === 'unitAmount' ? linePriceMessage(issue, context.currency) : issue.message;
    }
    return null;
  }
  if (parsed.data.unitAmount < 0 && !context.mayCredit) {
    errors[`lines.${index}.unitAmount`] ??= CREDIT_NEEDS_REFUND;
    return null;
  }
  return parsed.data;
}

/**
 * Reads the form's lines into the procedure's input: amounts through the console's one
 * amount reader (a negative unit amount is a credit line), each line and then the whole checked by
 * the shared schema the server applies. Errors are keyed as the form's fields are
 * ("lines.1.unitAmount"); what concerns the lines together (the total) is keyed "lines".
 */
export function parseLines(
  drafts: readonly LineDraft[],
  currency: string,
  options: { mayCredit: boolean } = { mayCredit: true },
): ParsedLines {
  const errors: Record<string, string> = {};
  const lines = drafts.flatMap(
    (draft, index) => parseLine(draft, index, { currency, ...options }, errors) ?? [],
  );
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = manualInvoiceLines.safeParse(lines);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const ceiling = formatMoney(money(MAX_AMOUNT, currency));
    const tooLarge = manualInvoiceTotal(lines) > MAX_AMOUNT;
    return {
      ok: false,
      errors: {
        lines: tooLarge ? `The total must be at most ${ceiling}` : (issue?.message ?? 'Check the lines'),
      },
    };
  }
  return { ok: true, lines: parsed.data, total: manualInvoiceTotal(parsed.data) };
}

/** What became of an issued invoice, said from the invoice itself, so the message and its status always agree. */
export function issuedMessage(invoice: {
  number: string | null;
  status: string;
  total: number;
  amountDue: number;
  creditApplied: number;
  currency: string;
}): { title: string; message: string } {
  const name = invoice.number ?? 'The invoice';
  const amount = (minor: number) => formatMoney(money(minor, invoice.currency));
  if (invoice.status === 'paid') {
    const why =
      invoice.total === 0
        ? 'its total is zero, so there is nothing to collect'
        : `the customer’s credit balance covered ${amount(invoice.creditApplied)}`;
    return { title: 'Invoice issued and paid', message: `${name} is paid: ${why}.` };
  }
  if (invoice.status === 'open') {
    const credit = invoice.creditApplied > 0 ? ` after ${amount(invoice.creditApplied)} of credit` : '';
    return {
      title: 'Invoice issued',
      message: `${name} is open: ${amount(invoice.amountDue)} is due${credit}. Collect it with Pay now.`,
    };
  }
  return { title: 'Invoice issued', message: `${name} is ${invoice.status}.` };
}
