import type { EmailContent } from './layout';

export interface FinancePackFacts {
  /** Whom it is addressed to (the recipient's name, or their address when the workspace gave none). */
  recipientName: string;
  workspaceName: string;
  /** The month the pack closes, in words ("November 2026"). */
  monthLabel: string;
  /** The Overview's headline figures for that month, already formatted ("MRR", "$12,340.00"). */
  figures: readonly { label: string; value: string }[];
  /** The files attached (the PDF and the XLSX). */
  attachmentNames: readonly string[];
}

/** To the recipients a workspace chose, on the 1st: the month just closed, figures in the body, the pack attached. */
export function financePackEmail(f: FinancePackFacts): EmailContent {
  return {
    subject: `${f.workspaceName}: finance pack for ${f.monthLabel}`,
    heading: `Finance pack — ${f.monthLabel}`,
    paragraphs: [
      `Hello ${f.recipientName},`,
      `Here are ${f.workspaceName}'s recurring revenue, revenue and churn for ${f.monthLabel}, the month that just closed.`,
      `Attached: ${f.attachmentNames.join(' and ')}. Every figure traces to the movements and payments behind it on the console's Overview.`,
    ],
    facts: f.figures.map((figure) => ({ label: figure.label, value: figure.value })),
    callout: 'You receive this because your workspace lists you as a finance pack recipient.',
  };
}
