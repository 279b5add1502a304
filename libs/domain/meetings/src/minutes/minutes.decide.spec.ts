import { DeciderSpecification, dataDigest, fold } from '@oa/core';
import { actors, refusalOf } from '../meetings.fixtures';
import type { MinutesContent } from './minutes.commands';
import { createMinutesDecider, minutesDecider } from './minutes.decide';
import type { MinutesEvent } from './minutes.events';
import {
  DRAFTED_AT,
  MEETING_ID,
  SCHEDULED_END,
  TITLE,
  minutesCommand,
  minutesContent,
  minutesDrafted,
  minutesFinalized,
  minutesSigned,
  projectItem,
} from './minutes.fixtures';
import { isFinalizedLate, minutesAsOf, minutesContentAsOf, minutesDeadline, minutesItemsWhereChairSpokeBeforeOthers } from './minutes.queries';

const spec = DeciderSpecification.for(minutesDecider);
const RECORDER_SIGNED = '2024-07-08T09:00:00.000+08:00';
const CHAIR_SIGNED = '2024-07-08T16:00:00.000+08:00';
const finalizedHistory = (): MinutesEvent[] => [
  minutesDrafted(),
  minutesSigned('recorder', RECORDER_SIGNED),
  minutesSigned('chair', CHAIR_SIGNED),
  minutesFinalized(CHAIR_SIGNED, dataDigest(minutesContent())),
];

const draft = (content: MinutesContent = minutesContent(), actor = actors.recorder) =>
  minutesCommand(
    'DraftMinutes',
    { meetingId: MEETING_ID, title: TITLE, chairId: actors.chair.id, recorderId: actors.recorder.id, scheduledEnd: SCHEDULED_END, secrecyLevel: 'internal', content },
    { actor, now: DRAFTED_AT },
  );

describe('Minutes: when none', () => {
  it('MTG-6 lets the recorder draft minutes with time, place, chair, attendance, recusals, views, votes and decisions', () => {
    spec.given([]).when(draft()).then([minutesDrafted()]);
  });

  it('MTG-6 refuses minutes drafted by anyone but the meeting\'s recorder', () => {
    const refusal = refusalOf(minutesDecider, [], draft(minutesContent(), actors.member));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-6', 'forbidden']);
  });

  it('MTG-6 refuses minutes missing a present member\'s view on an item', () => {
    const withoutM3 = { ...projectItem, views: projectItem.views.filter((view) => view.speakerId !== 'm3') };
    const refusal = refusalOf(minutesDecider, [], draft(minutesContent({ items: [withoutM3] })));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-6', 'invalid']);
    expect(refusal.detail).toContain('张委员');
  });

  it('MTG-6 needs no view from a member who recused from the item', () => {
    const recused = { ...projectItem, recusals: [{ memberId: 'm3', reason: '配偶任职于施工单位' }], views: projectItem.views.filter((view) => view.speakerId !== 'm3') };
    spec.given([]).when(draft(minutesContent({ items: [recused] }))).then([minutesDrafted(minutesContent({ items: [recused] }))]);
  });

  it('MTG-2 MTG-6 needs no view on an item from a member who had left the meeting before it was decided', () => {
    const afterLeaving = { ...projectItem, views: projectItem.views.filter((view) => view.speakerId !== 'm3'), leftBefore: ['m3'] };
    const content = minutesContent({ left: [{ memberId: 'm3', name: '张委员', reason: '中途离会：处置突发事件' }], items: [afterLeaving] });
    spec.given([]).when(draft(content)).then([minutesDrafted(content)]);
  });

  it('MTG-2 MTG-6 refuses a member who left without a reason, one not at the roll call, or an item naming a leaver not recorded as such', () => {
    const afterLeaving = { ...projectItem, views: projectItem.views.filter((view) => view.speakerId !== 'm3'), leftBefore: ['m3'] };
    const noReason = refusalOf(minutesDecider, [], draft(minutesContent({ left: [{ memberId: 'm3', name: '张委员', reason: ' ' }], items: [afterLeaving] })));
    expect([noReason.code, noReason.detail]).toEqual(['MTG-6', '会议记录不完整：中途离会的委员须注明事由：张委员']);
    const notPresent = refusalOf(minutesDecider, [], draft(minutesContent({ left: [{ memberId: 'm4', name: '刘委员', reason: '离会' }] })));
    expect([notPresent.code, notPresent.detail]).toEqual(['MTG-6', '会议记录不完整：中途离会的委员须为到会委员：m4']);
    spec.given([]).when(draft(minutesContent({ items: [afterLeaving] }))).thenThrows('MTG-6');
  });

  it('MTG-6 refuses minutes with an absence whose reason is not recorded', () => {
    spec.given([]).when(draft(minutesContent({ absent: [{ memberId: 'm4', name: '刘委员', reason: '' }] }))).thenThrows('MTG-6');
  });

  it('MTG-6 refuses minutes without the place or the decision', () => {
    spec.given([]).when(draft(minutesContent({ place: '' }))).thenThrows('MTG-6');
    spec.given([]).when(draft(minutesContent({ items: [{ ...projectItem, decision: '' }] }))).thenThrows('MTG-6');
  });

  it('MTG-6 refuses minutes naming another chair than the meeting\'s', () => {
    spec.given([]).when(draft(minutesContent({ chair: { personId: 'm2', name: '李副书记' } }))).thenThrows('MTG-6');
  });
});

describe('Minutes: when drafted', () => {
  it('MTG-6 records the recorder\'s signature and waits for the chair\'s', () => {
    spec
      .given([minutesDrafted()])
      .when(minutesCommand('SignMinutes', {}, { actor: actors.recorder, now: RECORDER_SIGNED }))
      .then([minutesSigned('recorder', RECORDER_SIGNED)]);
  });

  it('MTG-6 finalizes with the second signature; MinutesFinalized carries meetingId, title, finalizedAt for the archives', () => {
    spec
      .given([minutesDrafted(), minutesSigned('recorder', RECORDER_SIGNED)])
      .when(minutesCommand('SignMinutes', {}, { actor: actors.chair, now: CHAIR_SIGNED }))
      .then([minutesSigned('chair', CHAIR_SIGNED), minutesFinalized(CHAIR_SIGNED, dataDigest(minutesContent()))]);
  });

  it('MTG-6 digests the content with SM3 where the office configures 国密', () => {
    DeciderSpecification.for(createMinutesDecider({ hashAlgorithm: 'sm3' }))
      .given([minutesDrafted(), minutesSigned('chair', RECORDER_SIGNED)])
      .when(minutesCommand('SignMinutes', {}, { actor: actors.recorder, now: CHAIR_SIGNED }))
      .then([minutesSigned('recorder', CHAIR_SIGNED), minutesFinalized(CHAIR_SIGNED, dataDigest(minutesContent(), 'sm3'))]);
  });

  it('MTG-6 refuses a signature by anyone but the recorder and the chair', () => {
    const refusal = refusalOf(minutesDecider, [minutesDrafted()], minutesCommand('SignMinutes', {}, { actor: actors.member }));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-6', 'forbidden']);
  });

  it('MTG-6 asks for both signatures again after the draft is revised', () => {
    const revised = minutesContent({ place: '第二会议室' });
    const revision: MinutesEvent = {
      type: 'MinutesDraftRevised',
      schemaVersion: 1,
      data: { meetingId: MEETING_ID, content: revised, revisedBy: actors.recorder.id, revisedAt: '2024-07-08T10:00:00.000+08:00' },
    };
    spec
      .given([minutesDrafted(), minutesSigned('recorder', RECORDER_SIGNED)])
      .when(minutesCommand('ReviseMinutesDraft', { content: revised }, { actor: actors.recorder, now: '2024-07-08T10:00:00.000+08:00' }))
      .then([revision]);
    spec
      .given([minutesDrafted(), minutesSigned('recorder', RECORDER_SIGNED), revision])
      .when(minutesCommand('SignMinutes', {}, { actor: actors.chair, now: CHAIR_SIGNED }))
      .then([minutesSigned('chair', CHAIR_SIGNED)]);
  });

  it('MTG-9 finalizes minutes in which the chair spoke first on a major matter: a finding for the audit, not a refusal', () => {
    const chairFirst = { ...projectItem, views: [{ speakerId: 'm1', view: '我先谈点意见，同意' }, ...projectItem.views.filter((view) => view.speakerId !== 'm1')] };
    const content = minutesContent({ items: [chairFirst] });
    spec
      .given([minutesDrafted(content), minutesSigned('recorder', RECORDER_SIGNED)])
      .when(minutesCommand('SignMinutes', {}, { actor: actors.chair, now: CHAIR_SIGNED }))
      .then([minutesSigned('chair', CHAIR_SIGNED), minutesFinalized(CHAIR_SIGNED, dataDigest(content))]);
    expect(minutesItemsWhereChairSpokeBeforeOthers(content)).toEqual([projectItem.itemId]);
    expect(minutesItemsWhereChairSpokeBeforeOthers(minutesContent())).toEqual([]);
  });
});

describe('Minutes: when finalized', () => {
  const amendedContent = minutesContent({ items: [{ ...projectItem, decision: '同意新建档案馆项目立项，由办公室、财务科共同落实' }] });
  const PROPOSED_AT = '2024-07-15T09:00:00.000+08:00';
  const AMENDED_AT = '2024-07-16T09:00:00.000+08:00';
  const proposed: MinutesEvent = {
    type: 'MinutesAmendmentProposed',
    schemaVersion: 1,
    data: { meetingId: MEETING_ID, amendmentId: 'amd-1', baseVersion: 1, reason: '漏记财务科为共同责任单位', content: amendedContent, proposedBy: actors.recorder.id, proposedAt: PROPOSED_AT },
  };

  it('MTG-6 refuses any edit of finalized minutes', () => {
    const refusal = refusalOf(minutesDecider, finalizedHistory(), minutesCommand('ReviseMinutesDraft', { content: amendedContent }, { actor: actors.recorder }));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-6', 'conflict']);
  });

  it('MTG-6 does nothing when finalized minutes are signed again', () => {
    spec.given(finalizedHistory()).when(minutesCommand('SignMinutes', {}, { actor: actors.chair })).thenNothingHappens();
  });

  it('MTG-6 takes a correction as an amendment with a reason', () => {
    spec
      .given(finalizedHistory())
      .when(minutesCommand('ProposeMinutesAmendment', { amendmentId: 'amd-1', reason: '漏记财务科为共同责任单位', content: amendedContent }, { actor: actors.recorder, now: PROPOSED_AT }))
      .then([proposed]);
  });

  it('MTG-6 refuses an amendment without a reason', () => {
    spec
      .given(finalizedHistory())
      .when(minutesCommand('ProposeMinutesAmendment', { amendmentId: 'amd-1', reason: ' ', content: amendedContent }, { actor: actors.recorder }))
      .thenThrows('MTG-6');
  });

  it('MTG-6 refuses the approval of an amendment by anyone but the chair', () => {
    const refusal = refusalOf(minutesDecider, [...finalizedHistory(), proposed], minutesCommand('ApproveMinutesAmendment', { amendmentId: 'amd-1' }, { actor: actors.recorder }));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-6', 'forbidden']);
  });

  it('MTG-6 makes an approved amendment version 2 and keeps the original readable', () => {
    const amended: MinutesEvent = {
      type: 'MinutesAmended',
      schemaVersion: 1,
      data: {
        meetingId: MEETING_ID,
        title: TITLE,
        amendmentId: 'amd-1',
        version: 2,
        reason: '漏记财务科为共同责任单位',
        approvedBy: actors.chair.id,
        amendedAt: AMENDED_AT,
        contentDigest: dataDigest(amendedContent),
      },
    };
    spec
      .given([...finalizedHistory(), proposed])
      .when(minutesCommand('ApproveMinutesAmendment', { amendmentId: 'amd-1' }, { actor: actors.chair, now: AMENDED_AT }))
      .then([amended]);

    const history = [...finalizedHistory(), proposed, amended];
    const state = fold(minutesDecider, history);
    expect(state.status === 'finalized' && state.versions.map((version) => [version.version, version.content.items[0]?.decision])).toEqual([
      [1, projectItem.decision],
      [2, '同意新建档案馆项目立项，由办公室、财务科共同落实'],
    ]);
    expect(minutesContentAsOf(history, '2024-07-15T12:00:00.000+08:00')).toEqual({ version: 1, content: minutesContent() });
    expect(minutesContentAsOf(history, AMENDED_AT)).toEqual({ version: 2, content: amendedContent });
  });

  it('MTG-6 lets the chair reject an amendment, leaving the minutes as they were', () => {
    const rejected: MinutesEvent = {
      type: 'MinutesAmendmentRejected',
      schemaVersion: 1,
      data: { meetingId: MEETING_ID, amendmentId: 'amd-1', reason: '原记录无误', rejectedBy: actors.chair.id, rejectedAt: AMENDED_AT },
    };
    spec
      .given([...finalizedHistory(), proposed])
      .when(minutesCommand('RejectMinutesAmendment', { amendmentId: 'amd-1', reason: '原记录无误' }, { actor: actors.chair, now: AMENDED_AT }))
      .then([rejected]);
    const state = fold(minutesDecider, [...finalizedHistory(), proposed, rejected]);
    expect(state.status === 'finalized' && [state.versions.length, state.pendingAmendment]).toEqual([1, undefined]);
  });

  it('MTG-6 refuses a second amendment while one awaits the chair', () => {
    spec
      .given([...finalizedHistory(), proposed])
      .when(minutesCommand('ProposeMinutesAmendment', { amendmentId: 'amd-2', reason: '另一处更正', content: amendedContent }, { actor: actors.recorder }))
      .thenThrows('MEETINGS.INVALID_STATE');
  });
});

describe('Minutes: as of an instant', () => {
  it('MTG-6 shows the minutes as they stood at an instant', () => {
    const history = finalizedHistory();
    expect(minutesAsOf(history, '2024-07-05T14:00:00.000+08:00').status).toBe('empty');
    const signedByRecorder = minutesAsOf(history, '2024-07-08T12:00:00.000+08:00');
    expect(signedByRecorder.status === 'drafted' && [signedByRecorder.recorderSignedAt, signedByRecorder.chairSignedAt]).toEqual([RECORDER_SIGNED, undefined]);
    expect(minutesAsOf(history, CHAIR_SIGNED).status).toBe('finalized');
    // instants compare as instants, whatever their offsets
    expect(minutesAsOf(history, '2024-07-08T08:00:00.000Z').status).toBe('finalized');
  });
});

describe('Minutes: finalized late (MTG-6 deadline)', () => {
  it('MTG-6 allows three working days after the meeting, skipping the weekend', () => {
    // Friday 5 July → Mon 8, Tue 9, Wed 10
    expect(minutesDeadline(SCHEDULED_END)).toBe('2024-07-10T16:00:00.000Z');
    expect(isFinalizedLate(SCHEDULED_END, '2024-07-10T23:59:59.999+08:00')).toBe(false);
    expect(isFinalizedLate(SCHEDULED_END, '2024-07-11T00:00:00.000+08:00')).toBe(true);
  });

  it('MTG-6 counts the meeting day in Beijing time, even for a meeting ending after 16:00 UTC', () => {
    // 00:30 on Saturday 6 July in Beijing is still Friday in UTC: the deadline is Wednesday 10 July either way
    expect(isFinalizedLate('2024-07-05T16:30:00.000Z', '2024-07-10T15:59:59.000Z')).toBe(false);
    expect(isFinalizedLate('2024-07-05T16:30:00.000Z', '2024-07-10T16:00:00.000Z')).toBe(true);
  });

  it('MTG-6 takes the number of working days and the holidays as configuration', () => {
    expect(isFinalizedLate(SCHEDULED_END, '2024-07-09T09:00:00.000+08:00', 1)).toBe(true);
    expect(isFinalizedLate(SCHEDULED_END, '2024-07-11T09:00:00.000+08:00', 3, { holidays: ['2024-07-08'] })).toBe(false);
    // 国庆: 1–7 Oct 2024 off, Sunday 29 Sep and Saturday 12 Oct worked (调休)
    const national = { holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'], extraWorkingDays: ['2024-09-29', '2024-10-12'] };
    expect(minutesDeadline('2024-09-27T17:00:00.000+08:00', 3, national)).toBe('2024-10-08T16:00:00.000Z');
  });
});

describe('Minutes: copies for the archives (FILE-2)', () => {
  const archives = { id: 'system:archives', name: '档案服务', roles: ['archivist'] };
  const release = (sha256: string) => minutesCommand('ReleaseMinutesFilingCopy', { sha256 }, { actor: archives, now: CHAIR_SIGNED });

  it('FILE-2 records each copy of a finalized version given to the archives, by the digest its bytes have', () => {
    const digest = dataDigest(minutesContent());
    spec
      .given(finalizedHistory())
      .when(release(digest))
      .then([{ type: 'MinutesFilingCopyReleased', schemaVersion: 1, data: { meetingId: MEETING_ID, version: 1, sha256: digest, releasedToId: archives.id, releasedAt: CHAIR_SIGNED } }]);
  });

  it('FILE-4 classified minutes: the finalizing signature records the digest of the version with its texts in clear, and that copy is the one released', () => {
    const sealed = minutesContent();
    const clearDraft: MinutesContent = { ...sealed, items: sealed.items.map((item) => ({ ...item, decision: '同意该项目，分两期拨付' })) };
    const drafted = minutesDrafted(sealed);
    const classified = [{ ...drafted, data: { ...drafted.data, secrecyLevel: 'mimi' } } as MinutesEvent, minutesSigned('recorder', RECORDER_SIGNED)];
    const [, finalized] = minutesDecider.decide(minutesCommand('SignMinutes', { clearDraft }, { actor: actors.chair, now: CHAIR_SIGNED }), fold(minutesDecider, classified));
    expect(finalized?.data).toMatchObject({ secrecyLevel: 'mimi', contentDigest: dataDigest(sealed), clearContentDigest: dataDigest(clearDraft) });
    spec
      .given([...classified, minutesSigned('chair', CHAIR_SIGNED), finalized!])
      .when(release(dataDigest(clearDraft)))
      .then([{ type: 'MinutesFilingCopyReleased', schemaVersion: 1, data: { meetingId: MEETING_ID, version: 1, sha256: dataDigest(clearDraft), releasedToId: archives.id, releasedAt: CHAIR_SIGNED } }]);
    // minutes below 秘密 are copied as their contentDigest covers them: a clear draft changes nothing
    const [, plain] = minutesDecider.decide(minutesCommand('SignMinutes', { clearDraft }, { actor: actors.chair, now: CHAIR_SIGNED }), fold(minutesDecider, [minutesDrafted(), minutesSigned('recorder', RECORDER_SIGNED)]));
    expect(plain?.data).not.toHaveProperty('clearContentDigest');
  });

  it('FILE-2 refuses bytes that are no finalized version, and minutes not yet finalized', () => {
    spec.given(finalizedHistory()).when(release('0'.repeat(64))).thenThrows('FILE-2');
    spec.given([minutesDrafted()]).when(release(dataDigest(minutesContent()))).thenThrows('MEETINGS.INVALID_STATE');
  });
});
