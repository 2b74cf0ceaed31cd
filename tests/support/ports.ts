/**
 * A TCP port on 127.0.0.1 that nothing listens on, for tests of "the other side is down".
 * Port 1 (tcpmux) is privileged and unused everywhere we run, so a connection is refused at
 * once. A port bound and then closed is not safe: on a busy machine another process can be
 * given it in between, and the test then talks to a stranger.
 */
export const CLOSED_PORT = 1;
