import { evaluateAccess } from './access-policy';
import { ROLE_NAMES, type Role } from './roles';
import type { RouteAccess } from './route-declarations';
import { mintToken, type MintOptions } from './token';

export interface AccessMatrixCase {
  readonly route: RouteAccess;
  readonly label: string;
  readonly token: () => Promise<string | undefined>;
  /** 'admitted': past the guard, whatever the handler then answers (400 for an empty body, 404, a rule's 403). */
  readonly expected: 401 | 403 | 'admitted';
}

const GUARD_REFUSALS = new Set(['AUTH.ROLE_REQUIRED', 'AUTH.ROLE_UNDECLARED', 'COMMON-1', 'COMMON-2']);

const FORGED_SECRET = 'not-the-secret-of-this-service-0123456789';

/**
 * The access matrix of a list of routes (listRoutes(app)), for the tests of every service:
 * for every route that is not public, no token and a forged token are 401, each single role
 * the route does not admit is 403, each role it admits gets past the guard. New routes join
 * the matrix by existing.
 */
export function accessMatrix(routes: readonly RouteAccess[], signing: Omit<MintOptions, 'now' | 'lifetimeSeconds'>): AccessMatrixCase[] {
  const tokenWith = (role: Role) => mintToken({ sub: `u-matrix-${role}`, name: '矩阵测试用户', orgUnit: '办公室', roles: [role], clearance: 'juemi' }, signing);
  return routes
    .filter((route) => !route.isPublic)
    .flatMap((route) => [
      { route, label: 'no token', token: async () => undefined, expected: 401 as const },
      {
        route,
        label: 'forged token',
        // one admitted role: a route may admit several of the 三员, which no one token holds (COMMON-1)
        token: () => mintToken({ sub: 'u-forger', name: '伪造者', roles: route.roles?.slice(0, 1) ?? ['auditor'], clearance: 'juemi' }, { secret: FORGED_SECRET }),
        expected: 401 as const,
      },
      ...ROLE_NAMES.map((role) => ({
        route,
        label: `role ${role}`,
        token: () => tokenWith(role),
        expected: evaluateAccess([role], route) ? (403 as const) : ('admitted' as const),
      })),
    ]);
}

/**
 * Runs the matrix against a started service, signing with the service's own key; returns the
 * cases that answered otherwise. A service's test: `expect(await accessMatrixFailures(url,
 * listRoutes(app), { secret })).toEqual([])`.
 */
export async function accessMatrixFailures(
  baseUrl: string,
  routes: readonly RouteAccess[],
  signing: Omit<MintOptions, 'now' | 'lifetimeSeconds'>,
  globalPrefix = '/api/v1',
): Promise<string[]> {
  const failures: string[] = [];
  for (const probe of accessMatrix(routes, signing)) {
    const token = await probe.token();
    const path = probe.route.path.replace(/:[A-Za-z0-9_]+/g, 'matrix-probe');
    const response = await fetch(`${baseUrl}${globalPrefix}${path}`, {
      method: probe.route.method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      ...(['POST', 'PUT', 'PATCH'].includes(probe.route.method) && { body: '{}' }),
    });
    const code = response.status === 403 ? ((await response.json()) as { code?: string }).code : undefined;
    // A 403 from a rule in the handler (e.g. SEAL-4 for this probe's data) means the guard let it through.
    const admitted = response.status !== 401 && !(code && GUARD_REFUSALS.has(code));
    const passed = probe.expected === 'admitted' ? admitted : probe.expected === 401 ? response.status === 401 : response.status === 403 && !admitted;
    if (!passed) {
      failures.push(`${probe.route.method} ${probe.route.path} with ${probe.label}: expected ${probe.expected}, got ${response.status}${code ? ` ${code}` : ''}`);
    }
  }
  return failures;
}
