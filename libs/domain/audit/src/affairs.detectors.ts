import { addDays, addWorkingDays, endOfLocalDate, localDateOf, type WorkingCalendar } from '@oa/core';
import type {
  DutyRosterChanged,
  DutyScheduled,
  EmergencyFirstReported,
  InstructionNeedsNoTask,
  InstructionTurnedIntoTask,
  ShiftHandedOver,
} from '@oa/domain-affairs';
import type { IncomingDocumentInstructed } from '@oa/domain-documents';
import type { AnyEnvelope, AuditFinding } from './finding';
import { byStream, finding, millis, ofType, upTo } from './finding';

export interface AffairsAuditConfig {
  /** SUP-3: working days to turn an instruction into a task or record that it needs none (2). */
  readonly instructionDispositionWorkingDays?: number;
  readonly calendar?: WorkingCalendar;
  /** INFO-1: minutes from learning of an event to its first report (30). */
  readonly firstReportMinutes?: number;
  readonly utcOffsetMinutes?: number;
}

/**
 * AUD-15 and AUD-16, from the affairs events and, for instructions, the documents service's own
 * record of them (the system of record: an instruction affairs never heard of is found too).
 * - AUD-15: a supervision task (affairs', or the meetings' of MTG-7) not accepted or closed by the end of its
 *   deadline day, or closed after it; closed without evidence; a leader's instruction
 *   (IncomingDocumentInstructed, by its eventId) neither turned into a task nor recorded as needing
 *   none by the end of its working-day due date, or disposed of after it.
 * - AUD-16: past days, from the first day on the roster, without a leader on duty and an officer (one
 *   finding a gap, from its first day);
 *   an officer of a past day who took the shift without a handover; an emergency first report
 *   later than INFO-1 allows.
 */
export function detectAffairsFindings(events: readonly AnyEnvelope[], now: string, config: AffairsAuditConfig = {}): AuditFinding[] {
  const trail = upTo(events, now);
  return [...supervisionFindings(trail, now, config), ...instructionFindings(trail, now, config), ...dutyFindings(trail, now, config), ...emergencyFindings(trail, config)];
}

/** The two kinds of 督办 in the trail: the affairs service's, and the meetings service's of MTG-7 (kept where they were recorded). */
const SUPERVISION_KINDS = [
  { streamType: 'supervision', opened: 'SupervisionTaskAssigned', closed: 'SupervisionTaskAccepted' },
  { streamType: 'supervisionTask', opened: 'SupervisionTaskCreated', closed: 'SupervisionTaskClosed' },
] as const;

interface TaskOpened {
  readonly taskId: string;
  readonly deadline: string;
  readonly ownerUnit: string;
}

function supervisionFindings(trail: readonly AnyEnvelope[], now: string, config: AffairsAuditConfig): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const kind of SUPERVISION_KINDS) {
    for (const events of byStream(trail, kind.streamType).values()) {
      const created = events.find((event) => event.type === kind.opened);
      if (!created) continue;
      const { taskId, deadline, ownerUnit } = created.data as TaskOpened;
      const due = millis(endOfLocalDate(deadline, config.utcOffsetMinutes));
      const closed = events.find((event) => event.type === kind.closed);
      if (!closed && millis(now) >= due) {
        findings.push(finding('AUD-15', 'high', '督办事项逾期未办结', `督办事项 ${taskId}（责任单位 ${ownerUnit}）办结时限为 ${deadline}，至今未办结销号。`, [created]));
      }
      if (closed && millis(closed.recordedAt) >= due) {
        findings.push(finding('AUD-15', 'medium', '督办事项逾期办结', `督办事项 ${taskId}（责任单位 ${ownerUnit}）办结时限为 ${deadline}，${closed.recordedAt} 方办结销号。`, [created, closed]));
      }
      if (closed && ((closed.data as { evidence?: readonly unknown[] }).evidence ?? []).length === 0) {
        findings.push(finding('AUD-15', 'high', '督办事项无佐证材料办结', `督办事项 ${taskId}（责任单位 ${ownerUnit}）办结销号时没有佐证材料。`, [created, closed]));
      }
    }
  }
  return findings;
}

function instructionFindings(trail: readonly AnyEnvelope[], now: string, config: AffairsAuditConfig): AuditFinding[] {
  const workingDays = config.instructionDispositionWorkingDays ?? 2;
  const dispositions = new Map<string, AnyEnvelope>();
  for (const event of trail) {
    if (ofType<InstructionTurnedIntoTask>(event, 'InstructionTurnedIntoTask') || ofType<InstructionNeedsNoTask>(event, 'InstructionNeedsNoTask')) {
      if (!dispositions.has(event.data.instructionId)) dispositions.set(event.data.instructionId, event);
    }
  }
  const findings: AuditFinding[] = [];
  for (const instructed of trail) {
    if (!ofType<IncomingDocumentInstructed>(instructed, 'IncomingDocumentInstructed')) continue;
    const { documentId, leaderName, instructedAt } = instructed.data;
    const dueOn = addWorkingDays(localDateOf(instructedAt ?? instructed.recordedAt, config.utcOffsetMinutes), workingDays, config.calendar);
    const due = millis(endOfLocalDate(dueOn, config.utcOffsetMinutes));
    const disposition = dispositions.get(instructed.eventId);
    const what = `来文 ${documentId} 上${leaderName}的批示`;
    if (!disposition && millis(now) >= due) {
      findings.push(finding('AUD-15', 'high', '领导批示未按时立项督办', `${what}应于 ${dueOn} 前立项督办或登记为无需督办，至今未处理。`, [instructed]));
    } else if (disposition && millis(disposition.recordedAt) >= due) {
      findings.push(finding('AUD-15', 'medium', '领导批示逾期立项', `${what}应于 ${dueOn} 前立项督办或登记为无需督办，${disposition.recordedAt} 方处理。`, [instructed, disposition]));
    }
  }
  return findings;
}

interface Roster {
  readonly date: string;
  readonly event: AnyEnvelope;
  readonly leaderOnDuty?: { readonly id?: string };
  readonly officers: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

function dutyFindings(trail: readonly AnyEnvelope[], now: string, config: AffairsAuditConfig): AuditFinding[] {
  const rosters = new Map<string, Roster>();
  const handovers = new Map<string, AnyEnvelope[]>();
  for (const event of trail) {
    if (ofType<DutyScheduled>(event, 'DutyScheduled') || ofType<DutyRosterChanged>(event, 'DutyRosterChanged')) {
      // the roster that stood last: a change replaces the plan
      rosters.set(event.data.date, { date: event.data.date, event, leaderOnDuty: event.data.leaderOnDuty, officers: event.data.officers ?? [] });
    }
    if (ofType<ShiftHandedOver>(event, 'ShiftHandedOver')) handovers.set(event.data.date, [...(handovers.get(event.data.date) ?? []), event]);
  }
  if (rosters.size === 0) return [];
  const today = localDateOf(now, config.utcOffsetMinutes);
  const first = [...rosters.keys()].sort()[0]!;
  const findings: AuditFinding[] = [];
  for (let day = first; day < today; day = addDays(day, 1)) {
    const roster = rosters.get(day);
    if (!roster) {
      // one finding a gap, from its first day; no event proves an absence: it names the last roster before the gap
      if (rosters.has(addDays(day, -1))) {
        findings.push(finding('AUD-16', 'high', '值班日无值班安排', `自 ${day} 起没有值班安排（无带班领导和值班员）。`, [rosters.get(addDays(day, -1))!.event], `noRoster:${day}`));
      }
      continue;
    }
    if (!roster.leaderOnDuty?.id || roster.officers.length === 0) {
      findings.push(finding('AUD-16', 'high', '值班日缺带班领导或值班员', `${day} 的值班安排缺少${roster.leaderOnDuty?.id ? '' : '带班领导'}${roster.officers.length === 0 ? '值班员' : ''}。`, [roster.event]));
    }
    const dayHandovers = handovers.get(day) ?? [];
    for (const officer of roster.officers.slice(1)) {
      const received = dayHandovers.some((handover) => ofType<ShiftHandedOver>(handover, 'ShiftHandedOver') && handover.data.incomingOfficer.id === officer.id);
      if (!received) findings.push(finding('AUD-16', 'medium', '值班未交接班', `${day} 值班员${officer.name}接班时没有交接班记录。`, [roster.event, ...dayHandovers], `noHandover:${day}:${officer.id}`));
    }
  }
  return findings;
}

function emergencyFindings(trail: readonly AnyEnvelope[], config: AffairsAuditConfig): AuditFinding[] {
  const allowed = config.firstReportMinutes ?? 30;
  return trail
    .filter((event): event is AnyEnvelope & { data: EmergencyFirstReported['data'] } => ofType<EmergencyFirstReported>(event, 'EmergencyFirstReported'))
    .filter((event) => (millis(event.data.reportedAt) - millis(event.data.learntAt)) / 60_000 > allowed)
    .map((event) =>
      finding(
        'AUD-16',
        'high',
        '突发事件首报超时',
        `事件 ${event.data.incidentId} 于 ${event.data.learntAt} 知悉，${event.data.reportedAt} 方首报，晚于规定的 ${allowed} 分钟。`,
        [event],
      ),
    );
}
