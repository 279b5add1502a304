import { useEffect, useState } from 'react';

export type Loaded<T> = { readonly state: 'loading' } | { readonly state: 'failed'; readonly reason: string } | { readonly state: 'loaded'; readonly value: T };

/** Loads once per change of `key`; a superseded load is aborted. */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ state: 'loading' });
    load(controller.signal).then(
      (value) => controller.signal.aborted || setLoaded({ state: 'loaded', value }),
      (error: unknown) => controller.signal.aborted || setLoaded({ state: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
    return () => controller.abort();
  }, [key]);
  return loaded;
}
