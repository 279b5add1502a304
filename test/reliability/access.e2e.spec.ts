import { randomUUID } from 'node:crypto';
import { SECRECY_LEVELS, mayRead, type SecrecyLevel } from '@oa/core';
import { accessMatrix, accessMatrixFailures, eventsTopic, listRoutes } from '@oa/platform';
import { testRun } from '@oa/testing';
import { readTopic, waitForAuditTrail } from './support/delivery-checks';
import { recordSummary, scaled } from './support/summary';
import { SERVICES, startStack, type Stack } from './support/stack';
import { Workload } from './support/workload';

const CLASSIFIED: readonly SecrecyLevel[] = ['mimi', 'jimi', 'juemi'];

/**
 * Issue 10, scenario 7: under mixed load, the access matrix of the security issue (every
 * route × no token, a forged token, each single role) is re-run on all five services; every
 * classified document is read by readers of every clearance, on and off its need-to-know
 * list, and answers exactly as COMMON-3 says; then every Kafka topic and both audit exports
 * are scanned for the documents' classified content, which must appear nowhere.
 */
describe('reliability 7: access under load', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack('access');
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('keeps the access matrix and COMMON-3 under load and publishes no classified content', async () => {
    const workload = await new Workload(stack.call, stack.token).prepare();
    const load = workload.run(scaled(40), 3);
    const secret = stack.env['JWT_SECRET']!;

    // the matrix, on every service, while the load runs
    let matrixCases = 0;
    const matrixFailures: string[] = [];
    for (const service of SERVICES) {
      const running = stack.services[service]!;
      const routes = listRoutes(running.app);
      matrixCases += accessMatrix(routes, { secret }).length;
      matrixFailures.push(...(await accessMatrixFailures(running.url, routes, { secret })).map((failure) => `${service} ${failure}`));
    }

    // classified documents, each with a marker only its content carries
    const drafter = await stack.token('u-drafter', '张拟稿', ['drafter'], 'juemi');
    const markers: string[] = [];
    const documents: Array<{ id: string; level: SecrecyLevel }> = [];
    for (let index = 0; index < scaled(5); index++) {
      for (const level of CLASSIFIED) {
        const marker = `密件正文-${randomUUID()}`;
        const reply = await stack.call('documents', 'POST', '/outgoing-documents', drafter, {
          type: 'notice',
          title: `关于第${index}项工作的通知`,
          issuerCode: '县委办发',
          mainRecipients: [{ name: '各乡镇党委', kind: 'organ', relation: 'subordinate' }],
          secrecyLevel: level,
          secrecyPeriod: { unit: 'year', value: 10 },
          urgency: 'none',
          content: `${marker} 内容仅限知悉范围。`,
          readers: SECRECY_LEVELS.map((clearance) => `u-reader-${clearance}`),
        });
        if (reply.status !== 201) throw new Error(`classified document → ${reply.status} ${reply.text}`);
        markers.push(marker);
        documents.push({ id: reply.body['id'] as string, level });
      }
    }
    // every reader clearance, on the list and off it: 200 exactly when COMMON-3 admits
    let readCases = 0;
    const readFailures: string[] = [];
    for (const clearance of SECRECY_LEVELS) {
      for (const listed of [true, false]) {
        const sub = listed ? `u-reader-${clearance}` : `u-outsider-${clearance}`;
        const reader = await stack.token(sub, '读者', ['leader'], clearance);
        for (const { id, level } of documents) {
          const expected = mayRead({ id: sub, clearance }, { secrecyLevel: level, needToKnow: SECRECY_LEVELS.map((each) => `u-reader-${each}`) }) ? 200 : 404;
          for (const path of [`/outgoing-documents/${id}`, `/outgoing-documents/${id}/content`]) {
            readCases++;
            const reply = await stack.call('documents', 'GET', path, reader);
            if (reply.status !== expected) readFailures.push(`${path} (${level}) by ${sub}: expected ${expected}, got ${reply.status}`);
            if (expected === 404 && reply.text.includes('密件正文')) readFailures.push(`${path} leaked content to ${sub}`);
          }
        }
      }
    }
    await load;
    await waitForAuditTrail(stack.query);

    // the scan: every topic of the stack, and the audit's exports
    const leaks: string[] = [];
    let scanned = 0;
    for (const service of SERVICES) {
      const topic = await readTopic(testRun().kafkaBrokers, eventsTopic(service, stack.topicPrefix));
      for (const message of topic.messages) {
        scanned++;
        const text = JSON.stringify(message);
        for (const marker of markers) if (text.includes(marker)) leaks.push(`${service} topic: ${message.event.type} ${message.event.eventId}`);
      }
    }
    const auditor = await stack.token('u-auditor', '吴巡察', ['auditor'], 'juemi');
    for (const path of ['/audit/exports/entries?format=jsonl', '/audit/exports/entries?format=csv', '/audit/exports/findings?format=jsonl', '/audit/exports/findings?format=csv']) {
      const reply = await stack.call('audit', 'GET', path, auditor);
      expect(reply.status).toBe(200);
      scanned += reply.text.split('\n').length;
      for (const marker of markers) if (reply.text.includes(marker)) leaks.push(`audit export ${path}`);
    }
    const { commands, serverErrors } = workload.result();
    recordSummary({
      scenario: '7 access',
      commands: commands + matrixCases + readCases,
      events: 0,
      losses: 0,
      duplicates: 0,
      serverErrors: serverErrors.length,
      detections: `${matrixCases - matrixFailures.length}/${matrixCases} matrix cases, ${readCases - readFailures.length}/${readCases} classified reads as COMMON-3 says, ${leaks.length} leaks in ${scanned} messages and export lines`,
      classifiedItems: documents.length,
    });
    expect(matrixFailures).toEqual([]);
    expect(readFailures).toEqual([]);
    expect(leaks).toEqual([]);
    expect(serverErrors).toEqual([]);
  }, 1_800_000);
});
