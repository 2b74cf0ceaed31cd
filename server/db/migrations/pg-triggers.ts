/**
 * PostgreSQL forms of SQLite triggers used by several migrations (H1's: 0002). SQLite runs a
 * trigger's body inline; PostgreSQL runs a function, so each SQLite trigger becomes a plpgsql
 * function named `<trigger>_fn` and a row trigger of the same name calling it.
 */

/** A plpgsql trigger function `<name>_fn` with `body` (statements, ending in its RETURN). */
export function pgTriggerFunction(name: string, body: string): string {
  return `CREATE FUNCTION ${name}_fn() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${body.trim()}
    END $$;`;
}

/** A function whose only job is to refuse with SQLite's RAISE(ABORT, message) text, word for word. */
export function pgRefusal(name: string, message: string): string {
  return pgTriggerFunction(name, `RAISE EXCEPTION '${message.replace(/'/g, "''")}';`);
}

type Row = 'NEW' | 'OLD';

/**
 * The three list_counts counter triggers of a list (migration 2): `<table>_count_insert`,
 * `_update` (when the counted key changes, on an UPDATE OF `updateOf`) and `_delete`. `key`
 * spells the counted key of a row, as SQLite's triggers do.
 */
export function pgListCountTriggers(table: string, updateOf: string, key: (row: Row) => string): string {
  const bump = `INSERT INTO list_counts VALUES (NEW.tenant_id, '${table}', ${key('NEW')}, 1)
        ON CONFLICT (tenant_id, list, key) DO UPDATE SET n = list_counts.n + 1;`;
  const drop = `UPDATE list_counts SET n = n - 1
        WHERE tenant_id = OLD.tenant_id AND list = '${table}' AND key = ${key('OLD')};`;
  return `
    ${pgTriggerFunction(`${table}_count_insert`, `${bump}\n      RETURN NULL;`)}
    CREATE TRIGGER ${table}_count_insert AFTER INSERT ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${table}_count_insert_fn();
    ${pgTriggerFunction(`${table}_count_update`, `${drop}\n      ${bump}\n      RETURN NULL;`)}
    CREATE TRIGGER ${table}_count_update AFTER UPDATE OF ${updateOf} ON ${table}
      FOR EACH ROW WHEN (${key('OLD')} <> ${key('NEW')}) EXECUTE FUNCTION ${table}_count_update_fn();
    ${pgTriggerFunction(`${table}_count_delete`, `${drop}\n      RETURN NULL;`)}
    CREATE TRIGGER ${table}_count_delete AFTER DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${table}_count_delete_fn();`;
}
