import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on, for tests of "the other side is down".
 * Port 1 (tcpmux) is privileged and unused everywhere we run, so a connection is refused at
 * once. A port bound and then closed is not safe: on a busy machine another process can be
 * given it in between, and the test then talks to a stranger.
 */
export const CLOSED_PORT = 1;

/**
 * A port on 127.0.0.1 that was free a moment ago, for a server that cannot be told to pick
 * its own (PostgreSQL has no port 0). The caveat above holds: another process may take it in
 * between, so the caller must notice that its server failed to bind (PostgreSQL then exits)
 * and must confirm readiness over a channel only its own server has (a Unix socket in a
 * private directory), never by connecting to the port.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('the OS gave no port'))));
    });
  });
}

/** Whether something listens on 127.0.0.1:`port` now (a bind there fails). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(true) : reject(error),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}
