import { Controller, Inject, Param, ParseEnumPipe, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Call, IdPipe, Roles, Sha256Pipe, type CommandCall } from '@oa/platform';
import { DocumentFiles } from '../application/document-files';
import type { DocumentKind } from '../application/document.query-handlers';

const KINDS = { outgoing: 'outgoing', incoming: 'incoming' } as const;

/**
 * FILE-2 / FILE-4 the archives copy the components of a document handed off for filing: each
 * copy is recorded on the document's stream (the documents side of the transfer) and sent. Only
 * the archives' service account (`system:archives`, the archivist role) is answered.
 */
@ApiTags('内部 (internal)')
@Controller('internal/filing-copies')
export class FilingCopiesController {
  constructor(@Inject(DocumentFiles) private readonly files: DocumentFiles) {}

  @Post(':kind/:id/:sha256')
  @Roles('archivist')
  @ApiParam({ name: 'kind', enum: Object.values(KINDS), description: '发文 outgoing 或收文 incoming' })
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: '向档案服务提供移交归档公文的文件（FILE-2：仅档案服务账号；双方记录移交）' })
  async release(
    @Param('kind', new ParseEnumPipe(KINDS)) kind: DocumentKind,
    @Param('id', IdPipe) id: string,
    @Param('sha256', Sha256Pipe) sha256: string,
    @Call() call: CommandCall,
    @Req() request: FastifyRequest,
    @Res() response: FastifyReply,
  ): Promise<void> {
    await this.files.releaseFilingCopy(kind, id, sha256, call, request, response);
  }
}
