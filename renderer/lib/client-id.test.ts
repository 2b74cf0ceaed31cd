import { describe, expect, it } from 'vitest';
import { clientHeader, loadClientId, newClientId } from './client-id';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    data,
  };
}

describe('client id', () => {
  it('makes ids the backend accepts', () => {
    for (let i = 0; i < 50; i++) expect(newClientId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('keeps the same id across loads', () => {
    const storage = memoryStorage();
    const first = loadClientId(storage);
    expect(loadClientId(storage)).toBe(first);
  });

  it('replaces a corrupted saved id', () => {
    const storage = memoryStorage({ 'tollgate.clientId': 'not valid!' });
    const id = loadClientId(storage);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(storage.data.get('tollgate.clientId')).toBe(id);
  });

  it('formats the header value', () => {
    expect(clientHeader('web', 'abc')).toBe('web:abc');
  });
});
