/** White-label branding: per workspace and per enterprise account, draft → preview → publish (issue 15). */
export { accountBrandingRouter, brandingRouter } from './router';
export {
  accountEmailBranding,
  publishedBrandingOf,
  workspaceEmailBranding,
  type BrandingContent,
} from './effective';
