import { BADGE_COLORS, RECEIPT_COLORS as C } from './theme';

const badgeRules = Object.entries(BADGE_COLORS)
  .map(([status, colors]) => `.badge--${status}{color:${colors.text};background:${colors.background}}`)
  .join('\n');

/**
 * Inline styles only: the receipt is opened offline, saved, printed and served under a
 * strict CSP, so it may not load fonts, sheets or images. System fonts keep it crisp.
 */
export const RECEIPT_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:${C.page};color:${C.text};font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-variant-numeric:tabular-nums}
.receipt{max-width:720px;margin:32px auto;padding:48px;background:#fff;border:1px solid ${C.border};border-radius:8px}
.header{display:flex;justify-content:space-between;align-items:flex-start;gap:24px}
.title{margin:0;font-size:2em;font-weight:600;letter-spacing:-.01em}
.title-row{display:flex;align-items:center;gap:12px;flex-wrap:wrap}
.business-name{font-size:1.15em;font-weight:600;text-align:right}
.badge{display:inline-block;padding:2px 8px;border-radius:4px;font-size:.86em;font-weight:600;line-height:18px}
${badgeRules}
.details{display:grid;grid-template-columns:max-content 1fr;gap:4px 24px;margin:24px 0 0}
.details dt{color:${C.muted}}
.details dd{margin:0}
.parties{display:grid;grid-template-columns:1fr 1fr;gap:24px;margin-top:32px}
.party h2,.section h2{margin:0 0 6px;font-size:.86em;font-weight:600;color:${C.muted};text-transform:uppercase;letter-spacing:.04em}
.party p{margin:0}
.party .name{font-weight:600}
.muted{color:${C.muted}}
.headline{margin:36px 0 8px;font-size:1.43em;font-weight:600}
table{width:100%;border-collapse:collapse}
th{padding:8px 0;border-bottom:1px solid ${C.border};color:${C.muted};font-size:.86em;font-weight:600;text-align:left;text-transform:uppercase;letter-spacing:.04em}
td{padding:10px 0;border-bottom:1px solid ${C.border};vertical-align:top}
th+th,td+td{padding-left:16px}
.num{text-align:right;white-space:nowrap}
.line-detail{display:block;color:${C.muted};font-size:.86em}
.totals{width:55%;margin:12px 0 0 auto}
.totals td{padding:6px 0;border:0}
.totals tr.strong td{font-weight:600;border-top:1px solid ${C.border};padding-top:10px}
.section{margin-top:36px}
.section th:first-child{width:24%}
.footer{margin-top:40px;padding-top:16px;border-top:1px solid ${C.border};color:${C.muted};font-size:.86em}
.footer p{margin:0 0 4px}
@media (max-width:600px){.receipt{margin:0;padding:24px;border:0;border-radius:0}.parties{grid-template-columns:1fr}.totals{width:100%}}
@media print{body{background:#fff;font-size:.86em}.receipt{margin:0;padding:0;border:0;max-width:none}.parties{margin-top:20px}.headline{margin:24px 0 4px}td{padding:7px 0}.section{margin-top:24px}.footer{margin-top:24px}tr,.totals{break-inside:avoid}h2{break-after:avoid}thead{display:table-header-group}}
@page{margin:18mm 16mm}
`;
