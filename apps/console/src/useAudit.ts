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

/** The Chinese names of the codes the trail records (GET /audit/vocabulary). */
export interface Vocabulary {
  readonly rules: Readonly<Record<string, string>>;
  readonly roles: Readonly<Record<string, string>>;
}

const NO_NAMES: Vocabulary = { rules: {}, roles: {} };
let vocabulary: Promise<Vocabulary> | undefined;

/** The names of rules and roles, read once per page load: a refusal is labelled with its rule, a grant with the role's name. */
export function useVocabulary(): Vocabulary {
  const [names, setNames] = useState<Vocabulary>(NO_NAMES);
  useEffect(() => {
    vocabulary ??= getAudit<Vocabulary>('/vocabulary').catch(() => {
      // read again on the next page: a failed read must not stay cached
      vocabulary = undefined;
      return NO_NAMES;
    });
    let current = true;
    void vocabulary.then((loaded) => current && setNames(loaded));
    return () => {
      current = false;
    };
  }, []);
  return names;
}
