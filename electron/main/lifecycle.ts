/** The parts of Electron's `app` that quitting involves. */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): void;
  quit(): void;
}

/**
 * Holds the quit until `close` has finished (the database flushes its WAL and releases
 * its file), then quits for real. Electron does not wait for promises in quit handlers.
 */
export function closeBeforeQuit(
  app: QuittingApp,
  close: () => Promise<void>,
  onError: (error: unknown) => void,
): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    void close()
      .catch(onError)
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
