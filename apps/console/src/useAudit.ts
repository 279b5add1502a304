import { useEffect, useState } from 'react';
import { getAudit } from './api';

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

let ruleTitles: Promise<Readonly<Record<string, string>>> | undefined;

/** The Chinese title of each rule code (read once per sign-in page load): a refusal is labelled with its rule. */
export function useRuleTitles(): Readonly<Record<string, string>> {
  const [titles, setTitles] = useState<Readonly<Record<string, string>>>({});
  useEffect(() => {
    ruleTitles ??= getAudit<Record<string, string>>('/rules').catch(() => {
      // read again on the next page: a failed read must not stay cached
      ruleTitles = undefined;
      return {};
    });
    let current = true;
    void ruleTitles.then((loaded) => current && setTitles(loaded));
    return () => {
      current = false;
    };
  }, []);
  return titles;
}
