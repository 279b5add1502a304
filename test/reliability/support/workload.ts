import type { TokenClaims } from '@oa/platform';
import type { ApiReply } from '@oa/testing';
import { inParallel } from './load';
import type { Service } from './stack';

/** A command the service answered 2xx: its stream must hold this version afterwards. */
export interface Acknowledged {
  readonly service: Service;
  readonly streamId: string;
  readonly version: number;
}

export interface WorkloadResult {
  readonly commands: number;
  readonly acknowledged: Acknowledged[];
  /** Non-2xx answers by status and code: under faults a command may be refused cleanly, never 500. */
  readonly refusals: Record<string, number>;
  readonly serverErrors: string[];
}

type Call = (service: Service, method: string, path: string, token: string, body?: unknown) => Promise<ApiReply>;

const PEOPLE: Record<string, [string, string, TokenClaims['roles']]> = {
  director: ['u-director', '周主任', ['officeDirector']],
  keeper: ['u-keeper', '李保管', ['sealKeeper']],
  drafter: ['u-drafter', '张拟稿', ['drafter']],
  reviewer: ['u-reviewer', '李核稿', ['reviewer']],
  signer: ['u-signer', '王签发', ['signer', 'leader']],
  registrar: ['u-registrar', '刘收发', ['registrar']],
  handler: ['u-handler', '陈承办', ['handler']],
  archivist: ['u-archivist', '钱档案', ['archivist']],
};

/**
 * The mixed load of the fault scenarios: workflows on all four services, several in flight
 * — seals through their lifecycle, outgoing documents to sign-off (which the seals service
 * consumes), incoming documents to hand-off (which the archives consume as filing
 * candidates), committees with members joining and leaving — and the archivist filing every
 * candidate that has arrived. A workflow stops at its first non-2xx (recorded, not thrown):
 * under faults a clean refusal is allowed, a 5xx is counted.
 */
export class Workload {
  readonly acknowledged: Acknowledged[] = [];
  readonly refusals: Record<string, number> = {};
  readonly serverErrors: string[] = [];
  private commands = 0;
  private readonly filed = new Set<string>();
  private token: Record<string, string> = {};

  constructor(
    private readonly call: Call,
    private readonly mint: (sub: string, name: string, roles: TokenClaims['roles']) => Promise<string>,
  ) {}

  async prepare(): Promise<this> {
    for (const [key, [sub, name, roles]] of Object.entries(PEOPLE)) this.token[key] = await this.mint(sub, name, roles);
    return this;
  }

  get commandCount(): number {
    return this.commands;
  }

  /** Resolves once `load` (a run of this workload) has issued `count` commands, or ended. */
  async issued(count: number, load: Promise<unknown>): Promise<void> {
    let finished = false;
    void load.finally(() => (finished = true));
    while (this.commands < count && !finished) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  result(): WorkloadResult {
    return { commands: this.commands, acknowledged: [...this.acknowledged], refusals: { ...this.refusals }, serverErrors: [...this.serverErrors] };
  }

  /** Runs `workflows` workflows, `concurrency` at a time; `until` may stop early (a soak's clock); indexes from `firstIndex` keep names unique across runs. */
  async run(workflows: number, concurrency: number, until: () => boolean = () => false, firstIndex = 0): Promise<void> {
    await inParallel(workflows, concurrency, async (offset) => {
      const index = firstIndex + offset;
      if (until()) return;
      const flows = [() => this.sealLifecycle(index), () => this.outgoingDocument(index), () => this.incomingDocument(index), () => this.committee(index)];
      try {
        await flows[index % flows.length]!();
        if (index % 8 === 0) await this.fileCandidates();
      } catch (error) {
        // no answer at all (a service being restarted): the workflow ends, nothing was acknowledged
        this.refuse(`no answer: ${String((error as Error).cause ?? error).slice(0, 80)}`);
      }
    });
  }

  /** The archivist files every filing candidate that has arrived and is not filed yet. */
  async fileCandidates(): Promise<number> {
    const reply = await this.call('archives', 'GET', '/filing-candidates', this.token['archivist']!);
    if (reply.status !== 200) return 0;
    const candidates = (reply.body as unknown as Array<{ id: string }>).filter((candidate) => !this.filed.has(candidate.id));
    let filed = 0;
    for (const candidate of candidates) {
      // another workflow's filing round may have taken it since the list was read
      if (this.filed.has(candidate.id)) continue;
      this.filed.add(candidate.id);
      const done = await this.command('archives', `/archive-items/${candidate.id}/file`, 'archivist', { fondsCode: 'Z109', year: 2026, retention: 'D30', organisationCode: 'BGS', pages: 2 });
      if (done) filed++;
    }
    return filed;
  }

  private refuse(what: string): void {
    this.refusals[what] = (this.refusals[what] ?? 0) + 1;
  }

  /** One command; true when acknowledged. */
  private async command(service: Service, path: string, who: string, body?: unknown): Promise<(ApiReply['body'] & { id: string }) | undefined> {
    this.commands++;
    const reply = await this.call(service, 'POST', path, this.token[who]!, body);
    if (reply.status >= 200 && reply.status < 300) {
      const { id, version } = reply.body as { id: string; version: number };
      this.acknowledged.push({ service, streamId: id, version });
      return reply.body as ApiReply['body'] & { id: string };
    }
    if (reply.status >= 500) this.serverErrors.push(`${service} POST ${path} → ${reply.status} ${reply.text.slice(0, 200)}`);
    this.refuse(`${reply.status} ${String(reply.body['code'] ?? '')} ${service} ${path.replace(/[0-9a-f-]{36}/g, ':id')} ${reply.text.slice(0, 160)}`);
    return undefined;
  }

  private async steps(service: Service, first: () => Promise<{ id: string } | undefined>, rest: (id: string) => Array<[string, string, unknown?]>): Promise<void> {
    const created = await first();
    if (!created) return;
    for (const [path, who, body] of rest(created.id)) {
      if (!(await this.command(service, path, who, body))) return;
    }
  }

  private sealLifecycle(index: number): Promise<void> {
    return this.steps(
      'seals',
      () => this.command('seals', '/seals', 'director', { kind: 'office', name: `办公室印章 ${index}`, owningUnit: '办公室', engravingApprovalReference: `某公安备〔2026〕${index}号`, impressionImageHash: `sha256:${'ab'.repeat(32)}` }),
      (id) => [
        [`/seals/${id}/keeper`, 'director', { keeperId: 'u-keeper', keeperName: '李保管' }],
        [`/seals/${id}/activate`, 'director'],
        ...[1, 2, 3].flatMap((round): Array<[string, string, unknown?]> => [
          [`/seals/${id}/suspend`, 'director', { reason: `第${round}次送修` }],
          [`/seals/${id}/resume`, 'director'],
        ]),
      ],
    );
  }

  private outgoingDocument(index: number): Promise<void> {
    return this.steps(
      'documents',
      () =>
        this.command('documents', '/outgoing-documents', 'drafter', {
          type: 'notice',
          title: `关于做好第${index}项工作的通知`,
          issuerCode: '县委办发',
          mainRecipients: [{ name: '各乡镇党委', kind: 'organ', relation: 'subordinate' }],
          secrecyLevel: 'none',
          urgency: 'none',
          content: '请各单位认真落实。',
        }),
      (id) => [
        [`/outgoing-documents/${id}/submit`, 'drafter'],
        [`/outgoing-documents/${id}/review`, 'reviewer', { decision: 'approve', comments: '同意' }],
        [`/outgoing-documents/${id}/sign-off`, 'signer', { opinion: '同意印发' }],
      ],
    );
  }

  private incomingDocument(index: number): Promise<void> {
    return this.steps(
      'documents',
      () => this.command('documents', '/incoming-documents', 'registrar', { sender: '市委办公室', senderDocumentNumber: `市委办发〔2026〕${index}号`, title: `关于第${index}项工作的通知`, secrecyLevel: 'none', copies: 1, urgency: 'none', content: '请认真贯彻。' }),
      (id) => [
        [`/incoming-documents/${id}/register`, 'registrar'],
        [`/incoming-documents/${id}/initial-review`, 'registrar', { outcome: 'accept' }],
        [`/incoming-documents/${id}/propose`, 'director', { proposal: '拟请办公室承办' }],
        [`/incoming-documents/${id}/instruct`, 'signer', { instruction: '同意' }],
        [`/incoming-documents/${id}/assign-handling`, 'director', { units: [{ unit: '办公室', role: 'lead' }], handlerId: 'u-handler', handlerName: '陈承办' }],
        [`/incoming-documents/${id}/complete`, 'handler', { result: '已办结' }],
        [`/incoming-documents/${id}/hand-off`, 'registrar'],
      ],
    );
  }

  private committee(index: number): Promise<void> {
    const members = [1, 2, 3].map((n) => ({ memberId: `u-c${index}-${n}`, name: `委员${n}` }));
    return this.steps(
      'meetings',
      () => this.command('meetings', '/committees', 'director', { name: `第${index}委员会`, members, effectiveFrom: '2026-01-01' }),
      (id) =>
        [4, 5, 6].flatMap((n): Array<[string, string, unknown?]> => [
          [`/committees/${id}/members`, 'director', { memberId: `u-c${index}-${n}`, name: `委员${n}`, effectiveFrom: '2026-02-01' }],
          [`/committees/${id}/members/u-c${index}-${n}/remove`, 'director', { effectiveFrom: '2026-03-01', reason: '工作调动' }],
        ]),
    );
  }
}
