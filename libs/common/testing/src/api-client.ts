/** A reply as tests inspect it: status, headers, raw text, and the parsed JSON body. */
export interface ApiReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Record<string, unknown> & Record<number, unknown>;
}

/** Calls a service's `/api/v1` with a bearer token, as an integrating system would. */
export function apiClient(baseUrl: () => string) {
  return async (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiReply> => {
    const response = await fetch(`${baseUrl()}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    // application/json and problem+json, not JSON Lines
    const isJson = /^application\/(?:[\w.-]+\+)?json\b/.test(response.headers.get('content-type') ?? '');
    return { status: response.status, headers: response.headers, text, body: isJson && text ? JSON.parse(text) : {} };
  };
}

/** FILE-1 a file sent as the body of a POST (application/octet-stream), as the upload routes take it. */
export function fileUploader(baseUrl: () => string) {
  return async (path: string, token: string, bytes: Buffer): Promise<ApiReply> => {
    const response = await fetch(`${baseUrl()}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: bytes });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : {} };
  };
}

/**
 * MTG-1 / FILE-1 uploads a meeting material onto an agenda item: a small PDF naming itself, so
 * each item's material is different bytes. Throws unless the upload was recorded.
 */
export function materialUploader(baseUrl: () => string) {
  const upload = fileUploader(baseUrl);
  return async (meetingId: string, itemId: string, token: string, name = '议题材料.pdf'): Promise<ApiReply> => {
    const reply = await upload(`/meetings/${meetingId}/agenda-items/${itemId}/materials?name=${encodeURIComponent(name)}`, token, Buffer.from(`%PDF-1.7\n% ${meetingId} ${itemId} ${name}\n%%EOF\n`, 'utf8'));
    if (reply.status !== 200) throw new Error(`material ${name} → ${reply.status} ${reply.text}`);
    return reply;
  };
}

/** A clock a test moves by hand, to live through deadlines (validity, expected returns). */
export class ManualClock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  set(instant: string): void {
    this.current = new Date(instant);
  }

  advance(minutes: number): Date {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
    return this.now();
  }
}

/** Retries `attempt` until it gives a value (something crossing Kafka, a job's effect), or fails naming `what`. */
export async function eventually<T>(attempt: () => Promise<T | undefined>, what: string, timeoutMillis = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
