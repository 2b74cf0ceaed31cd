export { AnalyticsSettingsPage } from './AnalyticsSettingsPage';
