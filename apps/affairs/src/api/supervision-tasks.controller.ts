import { Body, Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Call, CommandRoute, DirectoryAuthorities, IdPipe, Roles, StateRoute, StreamHistoryQuery, StreamStateQuery, commandOn, mintId, replyOf, type CommandCall } from '@oa/platform';
import { SupervisionTaskListQuery } from '../application/affairs.query-handlers';
import { SupervisionReportQuery, type CsvFile } from '../application/affairs-exports.query-handlers';
import { instructionStream, supervisionTaskStream } from '../affairs.service-definition';
import { AFFAIRS_READERS, ASSIGNERS, SUPERVISION_CLERKS, SUPERVISION_REPORTERS } from './access';
import { v5 as uuidv5 } from 'uuid';
import { ClosingRequest, MonthQuery, OpinionRequest, ProgressRequest, ReasonRequest, TaskListQuery, TaskTermsRequest } from './dto/affairs.request';
import { termsOnFile } from './people-on-file';

/** The namespace of the task ids derived from instruction ids (UUIDv5). */
const INSTRUCTION_TASK_NAMESPACE = '5d1f3c9e-2f0b-4c55-9a57-3f8e4a0c6b21';

/** 督查督办 (SUP-1, SUP-2, SUP-3): tasks from a leader's assignment or instruction, progress, escalation, closing with acceptance. */
@ApiTags('督办 (supervision)')
@Controller('supervision')
export class SupervisionTasksController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DirectoryAuthorities) private readonly directory: DirectoryAuthorities,
  ) {}

  @CommandRoute('tasks', { summary: '交办督办事项（SUP-1：领导本人交办，写明责任单位、责任人、工作要求和办结时限）', roles: ASSIGNERS, creates: true })
  assign(@Body() body: TaskTermsRequest, @Call() call: CommandCall) {
    const taskId = mintId(call, 'AssignSupervisionTask');
    return this.commands.execute(commandOn(supervisionTaskStream, taskId, 'CreateSupervisionTask', { taskId, ...termsOnFile(this.directory, body, call.metadata.now) }, call, { created: true }));
  }

  /** SUP-3: the task takes its source and assigner from the recorded instruction; then the instruction is disposed of. */
  @CommandRoute('instructions/:id/task', { summary: '领导批示立项督办（SUP-3；交办人为批示领导）', roles: SUPERVISION_CLERKS, creates: true })
  async fromInstruction(@Param('id', IdPipe) instructionId: string, @Body() body: TaskTermsRequest, @Call() call: CommandCall) {
    // one task per instruction: a retry after a failure between the two commands finds the same task
    const taskId = uuidv5(instructionId, INSTRUCTION_TASK_NAMESPACE);
    const created = await this.commands.execute(commandOn(supervisionTaskStream, taskId, 'CreateSupervisionTask', { taskId, instructionId, ...termsOnFile(this.directory, body, call.metadata.now) }, call, { created: true }));
    await this.commands.execute(commandOn(instructionStream, instructionId, 'TurnInstructionIntoTask', { taskId }, { ...call, options: {} }));
    return replyOf(created);
  }

  @CommandRoute('instructions/:id/no-task', { summary: '登记批示无需督办（SUP-3，写明理由）', roles: SUPERVISION_CLERKS })
  noTask(@Param('id', IdPipe) instructionId: string, @Body() body: ReasonRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(instructionStream, instructionId, 'RecordInstructionNeedsNoTask', { reason: body.reason }, call));
  }

  @CommandRoute('tasks/:id/progress', { summary: '报告进展（SUP-2）', roles: SUPERVISION_REPORTERS })
  progress(@Param('id', IdPipe) id: string, @Body() body: ProgressRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(supervisionTaskStream, id, 'ReportSupervisionProgress', { summary: body.summary, ...(body.percentComplete !== undefined && { percentComplete: body.percentComplete }) }, call));
  }

  @CommandRoute('tasks/:id/closing', { summary: '报送办结材料（SUP-2：须有佐证材料）', roles: SUPERVISION_REPORTERS })
  closing(@Param('id', IdPipe) id: string, @Body() body: ClosingRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(supervisionTaskStream, id, 'SubmitSupervisionClosing', { summary: body.summary, evidence: body.evidence.map(({ name, hash }) => ({ name, hash })) }, call));
  }

  @CommandRoute('tasks/:id/accept', { summary: '验收办结、销号（SUP-2：交办人或其代理人）', roles: ASSIGNERS })
  accept(@Param('id', IdPipe) id: string, @Body() body: OpinionRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(supervisionTaskStream, id, 'AcceptSupervisionClosing', { opinion: body.opinion }, call));
  }

  @CommandRoute('tasks/:id/return', { summary: '退回办结材料（SUP-2，写明理由）', roles: ASSIGNERS })
  returnClosing(@Param('id', IdPipe) id: string, @Body() body: ReasonRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(supervisionTaskStream, id, 'ReturnSupervisionClosing', { reason: body.reason }, call));
  }

  @Get('tasks')
  @Roles(...AFFAIRS_READERS)
  @ApiOperation({ summary: '督办台账（可按责任单位、状态筛选，按办结时限排序）' })
  list(@Query() query: TaskListQuery) {
    return this.queries.execute(new SupervisionTaskListQuery({ ...(query.ownerUnit !== undefined && { ownerUnit: query.ownerUnit }), ...(query.status !== undefined && { status: query.status }) }));
  }

  @Get('report')
  @Roles(...AFFAIRS_READERS)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: '督办月报（CSV）：当月办理过的督办事项，月末状态、逾期督办与是否逾期' })
  async report(@Query() query: MonthQuery, @Res() response: FastifyReply) {
    sendCsv(response, await this.queries.execute<SupervisionReportQuery, CsvFile>(new SupervisionReportQuery(query.month)));
  }

  @StateRoute('tasks/:id', { summary: '督办事项', roles: AFFAIRS_READERS })
  get(@Param('id', IdPipe) id: string) {
    return this.queries.execute(new StreamStateQuery(supervisionTaskStream, id));
  }

  @Get('tasks/:id/history')
  @Roles(...AFFAIRS_READERS)
  @ApiOperation({ summary: '督办事项的全部事件' })
  history(@Param('id', IdPipe) id: string) {
    return this.queries.execute(new StreamHistoryQuery(supervisionTaskStream, id));
  }
}

/** A CSV export, named for its contents. */
export function sendCsv(response: FastifyReply, file: CsvFile): void {
  response.status(200).header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${file.fileName}"`).send(file.body);
}
