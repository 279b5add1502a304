import { DeciderSpecification, fold, type Actor } from '@oa/core';
import { findingReviewDecider, type FindingReviewCommand, type FindingReviewEvent } from './finding-review';

const spec = DeciderSpecification.for(findingReviewDecider);
const NOW = '2026-11-20T02:00:00.000Z';
const auditor: Actor = { id: 'u-auditor', name: '纪审计', roles: ['auditor'] };
const findingId = '0b9d2f5e-4a51-4f2e-9d7e-3f0c2a9b8c11';

const command = (type: FindingReviewCommand['type'], note?: string): FindingReviewCommand =>
  ({ type, data: { findingId, ...(note !== undefined && { note }) }, metadata: { actor: auditor, now: NOW } }) as FindingReviewCommand;
const annotated = (type: FindingReviewEvent['type'], note: string): FindingReviewEvent => ({
  type,
  data: { findingId, note, by: auditor.id, at: NOW },
  schemaVersion: 1,
});

describe('finding review (审计意见): acknowledge, dispute and resolve as events', () => {
  it('acknowledges an open finding with an optional note', () => {
    spec.given([]).when(command('AcknowledgeFinding')).then([annotated('FindingAcknowledged', '')]);
    spec.given([]).when(command('AcknowledgeFinding', ' 已转办公室核实 ')).then([annotated('FindingAcknowledged', '已转办公室核实')]);
  });

  it('refuses acknowledging twice', () => {
    spec.given([annotated('FindingAcknowledged', '')]).when(command('AcknowledgeFinding')).thenThrows('AUDIT.FINDING_ALREADY_ACKNOWLEDGED');
  });

  it('resolves an open or acknowledged finding with a note', () => {
    spec.given([]).when(command('ResolveFinding', '补登用印申请，已整改')).then([annotated('FindingResolved', '补登用印申请，已整改')]);
    spec.given([annotated('FindingAcknowledged', '')]).when(command('ResolveFinding', '已整改')).then([annotated('FindingResolved', '已整改')]);
  });

  it('disputes an open or acknowledged finding with its reason, once; a disputed finding may still be acknowledged or resolved', () => {
    spec.given([]).when(command('DisputeFinding', '该申请有纸质审批单，系补录')).then([annotated('FindingDisputed', '该申请有纸质审批单，系补录')]);
    spec.given([annotated('FindingAcknowledged', '')]).when(command('DisputeFinding', '复核后有异议')).then([annotated('FindingDisputed', '复核后有异议')]);
    spec.given([annotated('FindingDisputed', '有纸质审批单')]).when(command('DisputeFinding', '再次')).thenThrows('AUDIT.FINDING_ALREADY_DISPUTED');
    spec.given([annotated('FindingDisputed', '有纸质审批单')]).when(command('AcknowledgeFinding', '核实后确认')).then([annotated('FindingAcknowledged', '核实后确认')]);
    spec.given([annotated('FindingDisputed', '有纸质审批单')]).when(command('ResolveFinding', '异议成立，已补登')).then([annotated('FindingResolved', '异议成立，已补登')]);
  });

  it('refuses a dispute without its reason', () => {
    spec.given([]).when(command('DisputeFinding', '  ')).thenThrows('AUDIT.DISPUTE_REASON_REQUIRED');
  });

  it('refuses a resolution without a note', () => {
    spec.given([]).when(command('ResolveFinding', '   ')).thenThrows('AUDIT.NOTE_REQUIRED');
  });

  it('refuses any annotation after the resolution', () => {
    const resolved = [annotated('FindingResolved', '已整改')];
    spec.given(resolved).when(command('AcknowledgeFinding')).thenThrows('AUDIT.FINDING_RESOLVED');
    spec.given(resolved).when(command('ResolveFinding', '再次办结')).thenThrows('AUDIT.FINDING_RESOLVED');
    spec.given(resolved).when(command('DisputeFinding', '有异议')).thenThrows('AUDIT.FINDING_RESOLVED');
  });

  it('refuses a note over 2000 characters', () => {
    spec.given([]).when(command('AcknowledgeFinding', '注'.repeat(2001))).thenThrows('AUDIT.NOTE_TOO_LONG');
  });

  it('keeps every annotation with its author and time, in order', () => {
    const state = fold(findingReviewDecider, [annotated('FindingAcknowledged', '核实中'), annotated('FindingResolved', '已整改')]);
    expect(state).toEqual({
      status: 'resolved',
      annotations: [
        { action: 'acknowledged', note: '核实中', by: auditor.id, at: NOW },
        { action: 'resolved', note: '已整改', by: auditor.id, at: NOW },
      ],
    });
  });
});
