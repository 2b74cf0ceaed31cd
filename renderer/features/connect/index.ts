export { ConnectPage } from './ConnectPage';
export { ConnectionBadge } from './ConnectionBadge';
export { LiveConnection } from './LiveConnection';
export { usePending } from './pending-marks';
