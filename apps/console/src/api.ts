/**
 * The audit API as the console reads it: same origin, the auditor's bearer token kept in
 * sessionStorage (gone when the tab closes), every error as a Chinese message with its code.
 */
const TOKEN_KEY = 'oa.console.token';
const BASE = '/api/v1/audit';

export interface Actor {
  readonly id: string;
  readonly name: string;
}

export interface AuditEntry {
  readonly eventId: string;
  readonly service: string;
  readonly streamType: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly actor: Actor;
  readonly recordedAt: string;
  readonly data: Record<string, unknown> | null;
  readonly metadata: Record<string, unknown> | null;
  readonly chainStatus: string;
  readonly chainProblems: unknown;
  readonly log: string;
  readonly index: number;
}

/** One auditor's review of a finding (审计意见), an event of the trail. */
export interface FindingAnnotation {
  readonly action: 'acknowledged' | 'disputed' | 'resolved';
  readonly note: string;
  readonly by: string;
  readonly byName?: string;
  readonly at: string;
  readonly eventId?: string;
}

export interface Finding {
  readonly id: string;
  readonly rule: string;
  readonly severity: string;
  readonly status: string;
  readonly title: string;
  readonly streamIds: readonly string[];
  readonly eventIds: readonly string[];
  readonly detail: unknown;
  readonly detectedAt: string;
  /** The instant of the latest proving event. */
  readonly occurredAt?: string | null;
  readonly annotations?: readonly FindingAnnotation[];
}

export interface StreamState {
  readonly streamId: string;
  readonly streamType: string;
  readonly version: number;
  readonly asOf: string;
  readonly lastChangedAt: string;
  /** False when an event up to asOf arrived with a broken chain: the state is not to be trusted. */
  readonly chainIntact: boolean;
  readonly state: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** The claims the page shows (who is signed in); the server verifies the token on every call. */
export function claimsOf(token: string): { name: string; roles: string[] } | undefined {
  try {
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))));
    return { name: String(payload.name), roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [] };
  } catch {
    return undefined;
  }
}

export const query = (params: Record<string, string | number | undefined>): string => {
  const defined = Object.entries(params).filter((pair): pair is [string, string | number] => pair[1] !== undefined && pair[1] !== '');
  return defined.length === 0 ? '' : `?${new URLSearchParams(defined.map(([key, value]) => [key, String(value)])).toString()}`;
};

export async function fetchAudit(path: string, signal?: AbortSignal, command?: { readonly method: 'POST'; readonly body: string }): Promise<Response> {
  const headers = { authorization: `Bearer ${session.token() ?? ''}`, accept: 'application/json', ...(command && { 'content-type': 'application/json' }) };
  const response = await fetch(`${BASE}${path}`, { headers, signal, ...command });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { code?: string; title?: string; detail?: string };
    const message = problem.title ?? (response.status === 401 ? '令牌无效或已过期，请重新登录' : `请求失败（${response.status}）`);
    throw new ApiError(response.status, problem.code ?? `HTTP.${response.status}`, problem.detail ? `${message}：${problem.detail}` : message);
  }
  return response;
}

export async function getAudit<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await fetchAudit(path, signal)).json() as Promise<T>;
}

/** A command to the audit service (a finding's review): the refusal's Chinese title and code as an ApiError. */
export async function postAudit<T>(path: string, body: unknown): Promise<T> {
  return (await fetchAudit(path, undefined, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<T>;
}

/** A file as the service that keeps it sends it, through the audit's relay (`/files/…`): its bytes and the name it was filed under. */
export async function downloadFile(path: string): Promise<{ readonly bytes: ArrayBuffer; readonly name: string }> {
  const response = await fetchAudit(`/files${path}`);
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  return { bytes: await response.arrayBuffer(), name: encoded ? decodeURIComponent(encoded) : path.split('/').pop()! };
}

/** One line of a list (查找): what the item is called, where it belongs and stands, and the page it opens. */
export interface CatalogEntry {
  readonly kind: 'seal' | 'meeting' | 'document' | 'person' | 'unit' | 'committee';
  readonly streamType: string;
  readonly streamId: string;
  readonly title: string;
  readonly units: readonly string[];
  readonly status: string;
  readonly statusLabel: string;
  readonly number: string | null;
  readonly committeeId: string | null;
  readonly date: string | null;
}

/** The refused and denied attempts on one item (its id in the request's path, or the item a probe asked for), from every service. */
export const attemptsConcerning = (itemId: string, signal: AbortSignal): Promise<AuditEntry[]> => getAudit<AuditEntry[]>(`/entries${query({ concerning: itemId, limit: 10000 })}`, signal);
