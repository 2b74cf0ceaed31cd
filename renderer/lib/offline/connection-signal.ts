/**
 * A nudge that the connection may have changed (a command came back queued, a request failed,
 * the browser went on- or offline). The live-query hook listens and asks for the status at
 * once, so the badge follows within a moment instead of waiting for its next poll.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

export function signalConnectionChange(): void {
  for (const listener of listeners) listener();
}

/** Subscribes; returns the unsubscribe. */
export function onConnectionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
