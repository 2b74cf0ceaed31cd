export { ConnectPage } from './ConnectPage';
export { ConnectionBadge } from './ConnectionBadge';
