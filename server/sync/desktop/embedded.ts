import { join } from 'node:path';
import {
  createContext,
  TENANT_HEADER,
  type ClientInfo,
  type Context,
  type Services,
} from '../../trpc/context';
import { COMMAND_KEY_HEADER, readCommandKey } from '../../../shared/sync/offline';
import { sandboxGateways } from '../../gateways/provider';
import { DesktopConnection, type ConnectionOptions } from './connection';
import { FileSecretStore } from './secret-store';

/**
 * A request's context on a connected desktop: queries read the replica as the signed-in
 * user; commands are forwarded to the server. Null while standalone (or before the first
 * sync has brought the user's rows), when the standalone context applies.
 */
export function connectedContext(
  connection: DesktopConnection,
  standalone: Services,
  read: (name: string) => string | null | undefined,
  client: ClientInfo,
): Context | null {
  const active = connection.active();
  if (!active) return null;
  return createContext({
    services: {
      ...standalone,
      db: active.db,
      mode: active.offline ? 'offline' : 'connected',
      // Payments are the server's to make; the replica only reads what the server recorded.
      gateways: sandboxGateways(active.db, standalone.clock),
      // The console's key for the form the command came from: a second submit is the same command.
      forwardCommand: (command) =>
        connection.forward(command, { commandKey: readCommandKey(read(COMMAND_KEY_HEADER)) }),
    },
    principal: active.principal,
    requestedTenantId: read(TENANT_HEADER) ?? null,
    client,
  });
}

/** What a desktop backend may be told about its server connection (tests shorten the waits). */
export type DesktopSyncOptions = Partial<
  Pick<
    ConnectionOptions,
    | 'secrets'
    | 'fetch'
    | 'intervalMs'
    | 'answerWaitMs'
    | 'offlineProbeMs'
    | 'heartbeatMs'
    | 'effects'
    | 'describe'
  >
>;

/**
 * The desktop's connection, restored from before a restart if there was one. The refresh
 * token goes to `secrets` (Electron: the keychain), else to a 0600 file in the data dir.
 */
export async function startDesktopConnection(
  services: Services,
  options: { dataDir: string; nativeBinding?: string; sync?: DesktopSyncOptions },
): Promise<DesktopConnection> {
  const connection = new DesktopConnection({
    dataDir: options.dataDir,
    standaloneDb: services.db,
    secrets: options.sync?.secrets ?? new FileSecretStore(join(options.dataDir, 'secrets')),
    now: () => services.clock.now(),
    logger: services.logger,
    procedures: services.procedures,
    nativeBinding: options.nativeBinding,
    fetch: options.sync?.fetch,
    intervalMs: options.sync?.intervalMs,
    answerWaitMs: options.sync?.answerWaitMs,
    offlineProbeMs: options.sync?.offlineProbeMs,
    heartbeatMs: options.sync?.heartbeatMs,
    effects: options.sync?.effects,
    describe: options.sync?.describe,
  });
  await connection.restore();
  return connection;
}
