/** The smallest valid PNG, a 1×1 transparent pixel, in base64: a logo for tests. */
export const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A branding's fields that pass every check (AA colours, a hostname, a sender). */
export const GOOD_BRANDING = {
  productName: 'Xander Learning',
  logo: `data:image/png;base64,${PNG_1X1}`,
  colors: { primary: '#5f3dc4', accent: '#1864ab', background: '#ffffff', text: '#1a1a1a' },
  customDomain: 'learn.xander.example',
  senderName: 'Xander Learning Team',
  replyTo: 'help@xander.example',
};
