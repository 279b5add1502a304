import type { ApiReply } from '@oa/testing';
import { inParallel } from './support/load';
import { recordSummary, scaled } from './support/summary';
import { startStack, type Stack } from './support/stack';

type Pair = 'two approvals' | 'approve vs cancel' | 'two handovers';
const PAIRS: readonly Pair[] = ['two approvals', 'approve vs cancel', 'two handovers'];

/**
 * Issue 10, scenario 4: pairs of conflicting commands sent at the same instant on the same
 * aggregate, as a client would after reading the aggregate's version (If-Match; half of the
 * pairs whose loser the domain refuses anyway go without it): two
 * approvals of one usage application, an approval against the applicant's cancellation, two
 * handovers of one seal. Exactly one of each pair wins, the other is a 409, and afterwards the
 * rules of DOMAIN.md hold: one decision per application by a lawful approver (SEAL-4), one
 * keeper and at most one open handover per seal (SEAL-2), gapless stream versions.
 */
describe('reliability 4: conflicting commands', () => {
  let stack: Stack;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack('conflicts', ['seals']);
    token['director'] = await stack.token('u-director', '周主任', ['officeDirector']);
    token['applicant'] = await stack.token('u-applicant', '张拟稿', ['drafter']);
    token['approver1'] = await stack.token('u-approver-1', '王审批', ['sealApprover', 'officeDirector']);
    token['approver2'] = await stack.token('u-approver-2', '赵审批', ['sealApprover', 'leader']);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const ok = async (path: string, who: string, body?: unknown): Promise<{ id: string; version: number } & Record<string, unknown>> => {
    const reply = await stack.call('seals', 'POST', path, token[who]!, body);
    if (reply.status >= 300) throw new Error(`POST ${path} → ${reply.status} ${reply.text}`);
    return reply.body as { id: string; version: number };
  };
  const activeSeal = async (index: number) => {
    const { id } = await ok('/seals', 'director', { kind: 'office', name: `办公室印章 ${index}`, owningUnit: '办公室', engravingApprovalReference: `某公安备〔2026〕${index}号`, impressionImageHash: `sha256:${'ab'.repeat(32)}` });
    await ok(`/seals/${id}/keeper`, 'director', { keeperId: 'u-keeper', keeperName: '李保管' });
    return ok(`/seals/${id}/activate`, 'director');
  };

  it('lets exactly one command of each pair win; the other gets 409; the rules hold afterwards', async () => {
    const pairs = scaled(1000);
    const sharedSeal = await activeSeal(0);
    const outcomes: { pair: Pair; aggregate: string; statuses: number[]; codes: string[]; winner?: number }[] = [];

    await inParallel(pairs, 6, async (index) => {
      const pair = PAIRS[index % PAIRS.length]!;
      let aggregate: string;
      let requests: [() => Promise<ApiReply>, () => Promise<ApiReply>];
      // every other pair of the two kinds whose loser the domain refuses anyway goes without If-Match, racing on the stream version alone
      const blind = pair !== 'approve vs cancel' && index % (2 * PAIRS.length) >= PAIRS.length;
      const post = (path: string, who: string, version: number, body: unknown) => () => stack.call('seals', 'POST', path, token[who]!, body, blind ? {} : { 'if-match': String(version) });
      if (pair === 'two handovers') {
        const seal = await activeSeal(index + 1);
        aggregate = seal.id;
        const handover = (incoming: string) => post(`/seals/${seal.id}/handovers`, 'director', seal.version, { incomingKeeperId: incoming, incomingKeeperName: '新保管', witnessId: 'u-witness', witnessName: '王监交' });
        requests = [handover('u-keeper-a'), handover('u-keeper-b')];
      } else {
        const application = await ok('/seal-applications', 'applicant', { sealId: sharedSeal.id, purpose: '报送材料', documentTitle: `关于第${index}项工作的报告`, copies: 2, impressions: 2, paperKind: 'prepared' });
        aggregate = application.id;
        const approve = (who: string) => post(`/seal-applications/${application.id}/approve`, who, application.version, { comment: '同意' });
        requests = pair === 'two approvals' ? [approve('approver1'), approve('approver2')] : [approve('approver1'), post(`/seal-applications/${application.id}/cancel`, 'applicant', application.version, { reason: '不再需要' })];
      }
      const replies = await Promise.all(requests.map((send) => send()));
      const statuses = replies.map((reply) => reply.status);
      const winner = statuses.findIndex((status) => status < 300);
      outcomes.push({ pair, aggregate, statuses, codes: replies.map((reply) => String(reply.body['code'] ?? '')), ...(winner >= 0 && { winner }) });
    });

    // the events the aggregates really have, from the store
    const rows = await stack.query<{ stream_id: string; type: string; stream_version: number }>(
      `SELECT stream_id, type, stream_version FROM seals.events WHERE stream_type IN ('seal', 'sealUsageApplication')`,
    );
    const eventsOf = (streamId: string, type: string) => rows.filter((row) => row.stream_id === streamId && row.type === type).length;
    // gapless: a stream of n events has versions 1..n
    const versions = new Map<string, number[]>();
    for (const row of rows) versions.set(row.stream_id, [...(versions.get(row.stream_id) ?? []), Number(row.stream_version)]);
    const gaps = new Set([...versions].filter(([, list]) => Math.max(...list) !== list.length).map(([streamId]) => streamId));
    const decisions = (aggregate: string) => eventsOf(aggregate, 'SealUsageApplicationApproved') + eventsOf(aggregate, 'SealUsageApplicationCancelled');
    const broken = outcomes.filter(({ pair, aggregate, statuses }) => {
      const oneWinner = statuses.filter((status) => status < 300).length === 1 && statuses.filter((status) => status === 409).length === 1;
      const ruleHolds = pair === 'two handovers' ? eventsOf(aggregate, 'SealHandoverInitiated') === 1 && eventsOf(aggregate, 'SealKeeperAssigned') === 1 : decisions(aggregate) === 1;
      return !oneWinner || !ruleHolds || gaps.has(aggregate);
    });
    // SEAL-2 and SEAL-4 as the service itself reports them
    const sample = outcomes.filter((outcome) => outcome.pair === 'two handovers').slice(0, 20);
    for (const { aggregate, winner } of sample) {
      const seal = await stack.call('seals', 'GET', `/seals/${aggregate}`, token['director']!);
      expect(seal.body['keeperId']).toBe('u-keeper');
      expect(JSON.stringify(seal.body)).toContain(winner === 0 ? 'u-keeper-a' : 'u-keeper-b');
    }
    const [{ unlawful }] = await stack.query<{ unlawful: string }>(
      `SELECT count(*) AS unlawful FROM seals.events approval JOIN seals.events application ON application.stream_id = approval.stream_id AND application.type = 'SealUsageApplicationSubmitted'
        WHERE approval.type = 'SealUsageApplicationApproved' AND approval.data->>'approverId' = application.data->>'applicantId'`,
    );
    const raceCodes = outcomes.flatMap((outcome) => outcome.codes.filter(Boolean));
    recordSummary({
      scenario: '4 conflicts',
      commands: pairs * 2,
      events: rows.length,
      losses: 0,
      duplicates: outcomes.filter(({ pair, aggregate }) => (pair === 'two handovers' ? eventsOf(aggregate, 'SealHandoverInitiated') : decisions(aggregate)) > 1).length,
      serverErrors: outcomes.flatMap((outcome) => outcome.statuses).filter((status) => status >= 500).length,
      detections: `${pairs - broken.length}/${pairs} pairs with exactly one winner and one 409`,
      pairs: Object.fromEntries(PAIRS.map((pair) => [pair, outcomes.filter((outcome) => outcome.pair === pair).length])),
      loserCodes: Object.fromEntries([...new Set(raceCodes)].map((code) => [code, raceCodes.filter((other) => other === code).length])),
    });
    expect(broken.slice(0, 5)).toEqual([]);
    expect(outcomes).toHaveLength(pairs);
    expect(Number(unlawful)).toBe(0);
  }, 1_800_000);
});
