import { describe, expect, it } from 'vitest';
import { closeBeforeQuit, type QuittingApp } from './lifecycle';

/** An app whose quit() emits will-quit and exits unless a listener prevents it. */
function fakeApp() {
  const listeners: ((event: { preventDefault(): void }) => void)[] = [];
  const app = {
    exited: false as boolean,
    on: (_event: 'will-quit', listener: (event: { preventDefault(): void }) => void) =>
      listeners.push(listener),
    quit() {
      let prevented = false;
      for (const listener of listeners) listener({ preventDefault: () => (prevented = true) });
      if (!prevented) app.exited = true;
    },
  } satisfies QuittingApp & { exited: boolean };
  return app;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('closeBeforeQuit', () => {
  it('closes the backend once, then lets the app quit', async () => {
    const app = fakeApp();
    let closes = 0;
    let finishClose: () => void = () => {};
    closeBeforeQuit(
      app,
      () => new Promise<void>((resolve) => ((closes += 1), (finishClose = resolve))),
      () => {},
    );

    app.quit();
    app.quit();
    expect(app.exited).toBe(false);
    expect(closes).toBe(1);

    finishClose();
    await settle();
    expect(app.exited).toBe(true);
    expect(closes).toBe(1);
  });

  it('still quits when closing fails, and reports the failure', async () => {
    const app = fakeApp();
    const errors: unknown[] = [];
    closeBeforeQuit(
      app,
      () => Promise.reject(new Error('disk gone')),
      (error) => errors.push(error),
    );

    app.quit();
    await settle();
    expect(app.exited).toBe(true);
    expect(errors).toEqual([new Error('disk gone')]);
  });
});
