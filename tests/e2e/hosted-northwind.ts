import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setPassword } from '../../server/auth';
import { openDataDir } from '../../server/backend/runtime';
import { callHosted, TEST_SCRYPT } from '../../server/hosted/hosted.test-kit';
import { insertMembership, insertTenant, insertUser } from '../../server/modules/tenants';
import { spawnServer, type SpawnedServer } from '../support/spawn-server';

const ROOT = resolve(import.meta.dirname, '../..');

/** Northwind's admin; the password is made at run time, never a literal that looks like one. */
export const NORTHWIND_ADMIN = {
  email: 'nadia@northwind.test',
  password: ['violet', 'harbour', 'lantern', 'offline'].join(' '),
};

/**
 * A hosted server with one tenant (Northwind Courses) and its admin, that can be stopped and
 * started again on the same address and data: the desktop sees it go away and come back.
 */
export class HostedNorthwind {
  private server: SpawnedServer | null = null;
  private port = '0';
  private token: string | null = null;
  url = '';

  private constructor(
    readonly dataDir: string,
    readonly tenantId: string,
  ) {}

  /** Seeds the tenant and its admin before the first start (no owner needed then), then starts. */
  static async start(): Promise<HostedNorthwind> {
    const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-offline-'));
    const database = openDataDir(dataDir);
    let tenantId: string;
    try {
      const now = Date.now();
      const tenant = await insertTenant(database.db, { name: 'Northwind Courses', slug: 'northwind', now });
      const admin = await insertUser(database.db, { email: NORTHWIND_ADMIN.email, name: 'Nadia Admin', now });
      await insertMembership(database.db, { userId: admin.id, tenantId: tenant.id, role: 'admin', now });
      // A tenant admin neither charges nor refunds: Nadia is also on the platform's billing staff.
      await insertMembership(database.db, { userId: admin.id, tenantId: null, role: 'billing', now });
      await setPassword(database.db, {
        userId: admin.id,
        password: NORTHWIND_ADMIN.password,
        now,
        scrypt: TEST_SCRYPT,
      });
      tenantId = tenant.id;
    } finally {
      await database.close();
    }
    const hosted = new HostedNorthwind(dataDir, tenantId);
    await hosted.resume();
    return hosted;
  }

  /** Starts the server (again), on the port of its first start. */
  async resume(): Promise<void> {
    this.server = await spawnServer({
      entry: join(ROOT, 'server/hosted/main.ts'),
      env: {
        TOLLGATE_SERVER_DATA_DIR: this.dataDir,
        TOLLGATE_TOKEN_SECRET: 'cd'.repeat(32),
        // The same on every start: signing secrets sealed before a restart must open after it.
        TOLLGATE_SECRETS_KEY: Buffer.alloc(32, 0xcd).toString('base64'),
        PORT: this.port,
      },
      announce: 'Tollgate server:',
    });
    this.url = this.server.url;
    this.port = new URL(this.url).port;
  }

  /** Stops the server; its data stays for `resume`. */
  async pause(): Promise<void> {
    await this.server?.stop();
    this.server = null;
  }

  /** Changes the server's data while it is stopped, as another person's edit would have. */
  async whileStopped(change: (database: ReturnType<typeof openDataDir>) => Promise<void>): Promise<void> {
    if (this.server) throw new Error('stop the server first');
    const database = openDataDir(this.dataDir);
    try {
      await change(database);
    } finally {
      await database.close();
    }
  }

  /** Calls the server as its admin (signed in once; the token outlives a restart). */
  async call<T>(type: 'query' | 'mutation', path: string, input?: unknown): Promise<T> {
    if (!this.token) {
      const login = await callHosted<{ accessToken: string }>(
        this.url,
        'mutation',
        'auth.login',
        NORTHWIND_ADMIN,
      );
      this.token = login.data?.accessToken ?? null;
    }
    const token = this.token ?? '';
    const outcome = await callHosted<T>(this.url, type, path, input, { token, tenantId: this.tenantId });
    if (outcome.status !== 200 || outcome.data === undefined) {
      throw new Error(`${path} answered ${outcome.status}: ${JSON.stringify(outcome.error)}`);
    }
    return outcome.data;
  }

  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
