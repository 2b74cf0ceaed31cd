import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READY_BUDGET_MS, STOP_BUDGET_MS } from './budgets';
import { keeperScript, startKeeper, stopKeeper, type Keeper } from './orphan-keeper';
import { freePort } from './ports';
import { waitFor } from './wait';

/**
 * Debian's nginx as the load balancer in front of several server instances, as
 * deploy/nginx/tollgate.conf puts it in production: keepalive upstreams, a request an instance
 * could not take passed to the next. Everything it writes (config, pid, logs, temp bodies) is
 * in a temp directory of its own, gone once it stops.
 *
 * Like the throwaway PostgreSQL cluster, nginx runs under a keeper (orphan-keeper.ts): when this
 * process ends in any way (even SIGKILL), nginx is stopped and its directory removed.
 */

export interface Nginx {
  /** http://127.0.0.1:<port>, nginx's own address. */
  url: string;
  port: number;
  directory: string;
  /** nginx's error log so far (upstream failures and retries are logged there). */
  errorLog(): string;
  stop(): Promise<void>;
}

const NGINX = '/usr/sbin/nginx';
const READY_PATH = '/__tollgate_nginx_ready';
const ATTEMPTS = 3;

/**
 * As root, nginx's master starts its workers as another user: `nobody`, with its own primary
 * group (nginx's compiled-in group, `nobody`, does not exist on Debian). Unprivileged, the
 * workers stay ours and the `user` directive would only draw a warning.
 */
function workerUser(): string | null {
  if (process.getuid?.() !== 0) return null;
  const group = execFileSync('id', ['-gn', 'nobody'], { encoding: 'utf8' }).trim();
  return `nobody ${group}`;
}

const proxied = (upstream: string) => `
        proxy_pass http://${upstream};
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_connect_timeout 2s;
        proxy_read_timeout 60s;`;

/** The configuration: deploy/nginx/tollgate.conf's proxy, with every path in `dir`. */
export function nginxConfig(options: {
  dir: string;
  port: number;
  upstreams: string[];
  readyToken: string;
  user: string | null;
}): string {
  const { dir } = options;
  const servers = options.upstreams.map(
    (address) => `        server ${address} max_fails=1 fail_timeout=2s;`,
  );
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
    (kind) => `    ${kind}_temp_path ${join(dir, `${kind}_temp`)};`,
  );
  return `${options.user ? `user ${options.user};\n` : ''}worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
    access_log off;
${temp.join('\n')}
    upstream tollgate {
${servers.join('\n')}
        keepalive 64;
    }
    server {
        listen 127.0.0.1:${options.port};
        client_max_body_size 2m;
        # Answers only this nginx: readiness is never mistaken for a stranger on the port.
        location = ${READY_PATH} { return 200 "${options.readyToken}"; }
        location / {${proxied('tollgate')}
            # Any other request an instance could not take (refused, crashed before answering)
            # goes to the next one, but a POST already sent is not re-sent: it may have been
            # applied, and a tRPC mutation without an idempotency key would be applied twice.
            proxy_next_upstream error timeout http_502 http_503;
        }
        location /webhooks/stripe/ {${proxied('tollgate')}
            # Stripe's deliveries are the exception, deliberately: the inbox stores an event once
            # per (tenant, event id) whatever instance receives it, so a delivery re-sent to the
            # other instance after its first one died mid-request is at worst a duplicate, which
            # is acknowledged and dropped. Re-sending here spares Stripe's hour-long retry.
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
        }
    }
}
`;
}

/**
 * The keeper (orphan-keeper.ts): $1 nginx, $2 directory, $3 stop budget in seconds. Runs nginx
 * in the foreground under it; once its stdin closes, asks nginx to finish gracefully (QUIT; TERM
 * past the budget).
 */
const KEEPER = keeperScript({
  prelude: 'nginx=$1 dir=$2 budget=$3',
  start: `"$nginx" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' >>"$dir/error.log" 2>&1`,
  stop: `kill -QUIT "$server" 2>/dev/null
  sleep "$budget" </dev/null >/dev/null 2>&1 && kill -TERM "$server" 2>/dev/null`,
  log: '$dir/error.log',
  dir: '$dir',
});

function startNginxKeeper(dir: string): Keeper {
  const budgetSeconds = String(Math.ceil(STOP_BUDGET_MS / 1000));
  return startKeeper('sh', ['-c', KEEPER, 'keeper', NGINX, dir, budgetSeconds], dir);
}

const stopNginxKeeper = (keeper: Keeper, dir: string) => stopKeeper(keeper, dir, 2 * STOP_BUDGET_MS, 'nginx');

async function answersAsOurs(url: string, token: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}${READY_PATH}`);
    return response.status === 200 && (await response.text()) === token;
  } catch {
    return false;
  }
}

async function attempt(upstreams: string[], pickPort: () => Promise<number>): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-nginx-'));
  let keeper: Keeper | null = null;
  try {
    const user = workerUser();
    // Workers running as `nobody` must reach their temp paths, made inside this directory.
    if (user) chmodSync(dir, 0o755);
    const port = await pickPort();
    const readyToken = randomBytes(8).toString('hex');
    writeFileSync(join(dir, 'nginx.conf'), nginxConfig({ dir, port, upstreams, readyToken, user }));
    const started = (keeper = startNginxKeeper(dir));
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      `nginx on port ${port} to answer`,
      async () => {
        if (started.ended()) throw new Error(`nginx ended before it was ready:\n${started.stderr()}`);
        return answersAsOurs(url, readyToken);
      },
      READY_BUDGET_MS,
    );
    const logPath = join(dir, 'error.log');
    return {
      url,
      port,
      directory: dir,
      errorLog: () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : ''),
      stop: () => stopNginxKeeper(started, dir),
    };
  } catch (error) {
    if (keeper) await stopNginxKeeper(keeper, dir);
    else rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Starts nginx on 127.0.0.1 (a free port) balancing over `upstreams` ("127.0.0.1:8081", …),
 * resolving once it answers its own readiness path; stop() stops it and removes its directory.
 * Tries another port when another process took the one picked in between.
 */
export async function startNginx(options: {
  upstreams: string[];
  pickPort?: () => Promise<number>;
}): Promise<Nginx> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} was not found: install Debian's nginx`);
  if (options.upstreams.length === 0) throw new Error('nginx needs at least one upstream');
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(options.upstreams, options.pickPort ?? freePort);
    } catch (error) {
      const portTaken = error instanceof Error && /Address already in use|bind\(\)/i.test(error.message);
      if (!portTaken || tries >= ATTEMPTS) throw error;
    }
  }
}
