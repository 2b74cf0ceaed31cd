import pg from 'pg';
import { SIGNAL_BUDGET_MS } from '../../../tests/support/budgets';

/**
 * A hosted server's death mid-command on PostgreSQL, where the SQLite kit's temp triggers and
 * functions in the server's process do not exist (RestartableServer.killWhen is SQLite's).
 *
 * When a row making `when` true is inserted into `table`, the trigger marks the database dead
 * in a sequence (sequences ignore rollback), tells this process by ending a watcher
 * connection (also immediate, whatever the transaction does), and waits at a gate until
 * `onKill` has cut the desktops off; only then does that write's transaction roll back. From
 * then on every write to any table is refused, so nothing the server does after its "death"
 * lands. `disarm` removes it all, for the restarted server.
 */

/** The advisory lock key of the gate: any number, the same in the trigger and the gate's holder. */
const GATE_KEY = 74_201_912;

export interface PostgresKill {
  disarm(): Promise<void>;
}

async function connected(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  // A terminated connection reports here: the watcher's end is the signal, not a crash.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function pidOf(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return Number(rows[0]?.pid);
}

/** The SQL that refuses every write once dead, and kills on the first row making `when` true. */
function armingSql(tables: string[], table: string, when: string, watcherPid: number): string {
  const refusals = tables.map(
    (t) => `CREATE TRIGGER tollgate_test_dead BEFORE INSERT OR UPDATE OR DELETE ON "${t}"
      FOR EACH STATEMENT EXECUTE FUNCTION tollgate_test_refuse();`,
  );
  return `
    CREATE SEQUENCE tollgate_test_dead MINVALUE 0 START 0;
    CREATE FUNCTION tollgate_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (SELECT last_value FROM tollgate_test_dead) > 0 THEN RAISE EXCEPTION 'the server was killed'; END IF;
      RETURN NULL;
    END $$;
    ${refusals.join('\n')}
    CREATE FUNCTION tollgate_test_kill() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF ${when} THEN
        PERFORM setval('tollgate_test_dead', 1);
        PERFORM pg_terminate_backend(${watcherPid});
        PERFORM set_config('lock_timeout', '${SIGNAL_BUDGET_MS}ms', true);
        PERFORM pg_advisory_xact_lock(${GATE_KEY});
        RAISE EXCEPTION 'the server was killed';
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER tollgate_test_kill AFTER INSERT ON "${table}"
      FOR EACH ROW EXECUTE FUNCTION tollgate_test_kill();`;
}

/** Arms the kill on the database at `url`; `onKill` runs (synchronously) before the write rolls back. */
export async function armPostgresKill(
  url: string,
  table: string,
  when: string,
  onKill: () => void,
): Promise<PostgresKill> {
  const watcher = await connected(url);
  const gate = await connected(url);
  await gate.query('SELECT pg_advisory_lock($1)', [GATE_KEY]);
  let watching = true;
  watcher.once('end', () => {
    watching = false;
    onKill();
    // Opens the gate: the dying write rolls back only now that nobody can hear its answer.
    void gate.query('SELECT pg_advisory_unlock($1)', [GATE_KEY]).catch(() => undefined);
  });
  const { rows } = await gate.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  await gate.query(
    armingSql(
      rows.map((r) => r.name),
      table,
      when,
      await pidOf(watcher),
    ),
  );
  return {
    disarm: async () => {
      // A client the trigger ended would wait forever for its end: only a live one is ended.
      if (watching) {
        watcher.removeAllListeners('end');
        await watcher.end();
      }
      try {
        await gate.query(`DROP FUNCTION tollgate_test_kill() CASCADE;
          DROP FUNCTION tollgate_test_refuse() CASCADE; DROP SEQUENCE tollgate_test_dead;`);
      } finally {
        await gate.end();
      }
    },
  };
}
