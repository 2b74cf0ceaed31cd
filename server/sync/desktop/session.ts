import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Principal, ProcedureDirectory } from '../../trpc/context';
import { commandSecrets, parseCommandInput } from './commands';
import type { CommandDescription, LocalCommand, LocalEffects } from './optimistic/types';
import { Outbox } from './outbox';
import { OptimisticCommands } from './rebase';
import { Replica } from './replica';
import type { ServerLink } from './server-link';

export interface SavedConnection {
  serverUrl: string;
  email: string;
  userId: string;
}

export interface Session {
  saved: SavedConnection;
  replica: Replica;
  outbox: Outbox;
  local: OptimisticCommands;
  link: ServerLink;
  principal: Principal | null;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * Opens the replica of one (server, user) under `<data dir>/replicas/`, so standalone data stays
 * apart, with its client id (made once, kept in the replica), its outbox and its optimistic layer.
 */
export function openSession(
  saved: SavedConnection,
  options: {
    dataDir: string;
    nativeBinding?: string;
    procedures: ProcedureDirectory;
    effects: LocalEffects;
    describe?: (sqlite: Database.Database, path: string, command: LocalCommand) => CommandDescription;
    link: (clientId: string) => ServerLink;
  },
): Session {
  const dir = join(options.dataDir, 'replicas');
  mkdirSync(dir, { recursive: true });
  const file = createHash('sha256').update(`${saved.serverUrl}|${saved.userId}`).digest('hex').slice(0, 20);
  const replica = Replica.open(join(dir, `${file}.sqlite`), options.nativeBinding);
  let clientId = replica.readState('client_id');
  if (!clientId) {
    clientId = `desk-${randomHex(12)}`;
    replica.writeState('client_id', clientId);
  }
  const link = options.link(clientId);
  link.useClientId(clientId);
  const outbox = new Outbox(replica.sqlite, (path) => commandSecrets(options.procedures, path));
  const local = new OptimisticCommands({
    sqlite: replica.sqlite,
    overlay: replica.overlay,
    outbox,
    effects: options.effects,
    userId: saved.userId,
    parse: (path, input) => parseCommandInput(options.procedures, path, input),
    describe: options.describe,
    changed: () => replica.touch(),
  });
  return { saved, replica, outbox, local, link, principal: null };
}
