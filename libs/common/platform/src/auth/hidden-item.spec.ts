import type { FastifyRequest } from 'fastify';
import { RuleViolation, isRuleViolation, itemNotFound, readableOrNotFound } from '@oa/core';
import { RefusalRecord } from './refusal-record';
import { HiddenItemNotFound, isHiddenItemNotFound, readableOrHidden } from './hidden-item';
import type { SecurityLog } from './security-log';

const jimi = { secrecyLevel: 'jimi' as const, needToKnow: ['u-reader'] };
const caught = (read: () => unknown): unknown => {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};
/** What the problem filter reads of a RuleViolation: the answer the caller gets. */
const answerOf = (error: unknown) => (isRuleViolation(error) ? { code: error.code, kind: error.kind, title: error.title, detail: error.detail } : undefined);

describe('COMMON-3 hidden items', () => {
  it('COMMON-3 answers a hidden item exactly as a missing one (code, kind, title, detail), and marks it as a probe', () => {
    const hidden = caught(() => readableOrHidden({ id: 'u-low', clearance: 'mimi' }, 'doc-1', jimi, { streamType: 'outgoingDocument' }));
    const missing = caught(() => readableOrHidden({ id: 'u-low', clearance: 'mimi' }, 'doc-1', undefined, { streamType: 'outgoingDocument' }));
    expect(answerOf(hidden)).toEqual(answerOf(itemNotFound('doc-1')));
    expect(answerOf(hidden)).toEqual(answerOf(caught(() => readableOrNotFound({ id: 'u-low', clearance: 'mimi' }, 'doc-1', jimi))));
    expect(isHiddenItemNotFound(hidden)).toBe(true);
    expect((hidden as HiddenItemNotFound).hidden).toEqual({ itemId: 'doc-1', streamType: 'outgoingDocument', basis: 'clearance' });
    expect(isHiddenItemNotFound(missing)).toBe(false);
  });

  it('COMMON-3 names the half that hid the item and the item’s own id when the read named it otherwise', () => {
    const offList = caught(() => readableOrHidden({ id: 'u-outsider', clearance: 'juemi' }, 'Z109-WS·2026-Y-BGS-0001', jimi, { streamType: 'archiveItem', itemId: 'arc-1' }));
    expect((offList as HiddenItemNotFound).hidden).toEqual({ itemId: 'arc-1', streamType: 'archiveItem', basis: 'needToKnow' });
    expect(answerOf(offList)).toEqual(answerOf(itemNotFound('Z109-WS·2026-Y-BGS-0001')));
    expect(readableOrHidden({ id: 'u-reader', clearance: 'jimi' }, 'doc-1', jimi, { streamType: 'outgoingDocument' })).toBe(jimi);
  });

  it('COMMON-3 answers with the area’s own missing-item refusal when the read declares one', () => {
    const meetingNotFound = (id: string) => new RuleViolation('MEETINGS.NOT_FOUND', 'notFound', '未找到', `会议 ${id} 不存在`);
    const hidden = caught(() => readableOrHidden({ id: 'u-low', clearance: 'internal' }, 'mtg-1', jimi, { streamType: 'meeting', notFound: meetingNotFound }));
    expect(answerOf(hidden)).toEqual(answerOf(meetingNotFound('mtg-1')));
    expect((hidden as HiddenItemNotFound).hidden).toEqual({ itemId: 'mtg-1', streamType: 'meeting', basis: 'clearance' });
    expect(answerOf(caught(() => readableOrHidden({ id: 'u-low' }, 'mtg-2', undefined, { streamType: 'meeting', notFound: meetingNotFound })))).toEqual(answerOf(meetingNotFound('mtg-2')));
  });

  it('COMMON-3 a probe is put on record, a missing item is not', async () => {
    const recordProbe = jest.fn().mockResolvedValue(undefined);
    const refusals = new RefusalRecord({ recordProbe } as unknown as SecurityLog, { now: () => new Date('2026-12-01T01:00:00.000Z') });
    const request = { method: 'GET', originalUrl: '/api/v1/outgoing-documents/doc-1?x=1', ip: '10.0.0.7', headers: {}, socket: {}, raw: { headers: {} } } as unknown as FastifyRequest;
    const probe = new HiddenItemNotFound(itemNotFound('doc-1'), { itemId: 'doc-1', streamType: 'outgoingDocument', basis: 'clearance' });
    await refusals.record(probe, request);
    expect(recordProbe).toHaveBeenCalledWith(expect.objectContaining({ method: 'GET', path: '/api/v1/outgoing-documents/doc-1' }), probe.hidden, expect.objectContaining({ id: 'unauthenticated' }));
    expect(refusals.record(itemNotFound('doc-2'), request)).toBeUndefined();
    expect(recordProbe).toHaveBeenCalledTimes(1);
  });
});
