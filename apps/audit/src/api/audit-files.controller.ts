import { Controller, Get, Inject, Param, ParseEnumPipe, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Confidential, IdPipe, Roles, Sha256Pipe } from '@oa/platform';
import { FileRelay } from '../application/file-relay';
import { AUDIT_READERS } from './access';

const SEGMENT = (value: string) => encodeURIComponent(value);

/** 核查文件: the files of documents, meetings and archive items, downloaded through the console's own origin. */
@ApiTags('审计 (audit)')
@Controller('audit/files')
export class AuditFilesController {
  constructor(@Inject(FileRelay) private readonly files: FileRelay) {}

  @Get('documents/:kind/:documentId/:sha256')
  @Roles(...AUDIT_READERS)
  @Confidential('documentContent')
  @ApiParam({ name: 'kind', enum: ['outgoing', 'incoming'] })
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: '下载公文的正文、附件或签发稿（由公文服务按本人权限判定，COMMON-3；支持 Range）' })
  async document(
    @Param('kind', new ParseEnumPipe(['outgoing', 'incoming'])) kind: 'outgoing' | 'incoming',
    @Param('documentId', IdPipe) documentId: string,
    @Param('sha256', Sha256Pipe) sha256: string,
    @Req() request: FastifyRequest,
    @Res() response: FastifyReply,
  ) {
    await this.files.relay('documents', `${kind}-documents/${SEGMENT(documentId)}/files/${sha256}`, request, response);
  }

  @Get('meetings/:meetingId/:agendaItemId/:sha256')
  @Roles(...AUDIT_READERS)
  @Confidential('documentContent')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: '下载议题材料（由会议服务按本人权限判定，COMMON-3；支持 Range）' })
  async material(
    @Param('meetingId', IdPipe) meetingId: string,
    @Param('agendaItemId', IdPipe) agendaItemId: string,
    @Param('sha256', Sha256Pipe) sha256: string,
    @Req() request: FastifyRequest,
    @Res() response: FastifyReply,
  ) {
    await this.files.relay('meetings', `meetings/${SEGMENT(meetingId)}/agenda-items/${SEGMENT(agendaItemId)}/materials/${sha256}`, request, response);
  }

  @Get('archives/:itemId/:componentId')
  @Roles(...AUDIT_READERS)
  @Confidential('documentContent')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: '下载档案组件的存档文件（由档案服务按本人权限判定，COMMON-3；支持 Range）' })
  async component(@Param('itemId', IdPipe) itemId: string, @Param('componentId') componentId: string, @Req() request: FastifyRequest, @Res() response: FastifyReply) {
    await this.files.relay('archives', `archive-items/${SEGMENT(itemId)}/components/${SEGMENT(componentId)}/file`, request, response);
  }
}
