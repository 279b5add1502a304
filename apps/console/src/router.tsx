import { useEffect, useState, type ReactNode } from 'react';

/**
 * Hash routes (#/seals/…): every page has an address to bookmark or hand over, and the audit
 * service serves one static index.html for all of them.
 */
export function useRoute(): string[] {
  const parse = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    const changed = () => setRoute(parse());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export const navigate = (to: string) => {
  window.location.hash = to;
};

export function Link({ to, children }: { to: string; children: ReactNode }) {
  return <a href={`#${to}`}>{children}</a>;
}
