import { oneOffLine } from '../../../shared/billing/schema';
import { MoneyError, parseMoney } from '../../../shared/money';

/** One line of the new-invoice form, as typed. */
export interface LineDraft {
  key: number;
  description: string;
  quantity: number | string;
  unitAmount: string;
}

export interface ParsedLine {
  description: string;
  quantity: number;
  unitAmount: number;
}

export type ParsedLines =
  { ok: true; lines: ParsedLine[]; total: number } | { ok: false; errors: Record<string, string> };

/**
 * Reads the form's lines into the procedure's input: amounts through the shared money
 * parser (a negative unit amount is a credit line), each line checked by the shared schema.
 * Errors are keyed as the form's fields are ("lines.1.unitAmount").
 */
export function parseLines(drafts: readonly LineDraft[], currency: string): ParsedLines {
  const errors: Record<string, string> = {};
  const lines: ParsedLine[] = [];
  drafts.forEach((draft, index) => {
    let unitAmount = 0;
    try {
      unitAmount = parseMoney(draft.unitAmount, currency).amount;
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      errors[`lines.${index}.unitAmount`] = draft.unitAmount.trim()
        ? 'Enter an amount like 49.00'
        : 'Enter a unit price';
    }
    const parsed = oneOffLine.safeParse({
      description: draft.description,
      quantity: draft.quantity,
      unitAmount,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors[`lines.${index}.${issue.path.join('.')}`] ??= issue.message;
      return;
    }
    lines.push(parsed.data);
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, lines, total: lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0) };
}
