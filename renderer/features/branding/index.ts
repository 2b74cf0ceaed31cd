/** White-label branding: the workspace's default, an account's (customer page), and My account's. */
export { AccountBrandingPage, CustomerBranding, WorkspaceBrandingPage } from './pages';
