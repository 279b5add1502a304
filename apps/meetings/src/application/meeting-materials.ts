import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isClassified, itemNotFound, type Actor } from '@oa/core';
import { FILE_STORE, SERVICE_RUNTIME, commandOn, fileNameOf, fileNameWriting, fileReferenceOf, sendStoredFile, storeUpload, type CommandCall, type FileStore, type FileFormat, type ServiceRuntime, type IncomingUpload } from '@oa/platform';
import { meetingSecrecyLevel } from '@oa/domain-meetings';
import { meetingStream } from '../meetings.service-definition';
import { MeetingStateQuery } from './meeting.query-handlers';

/** FILE-3 the formats of meeting materials: those of drafts (DOCX, WPS, OFD, PDF, text). */
const MATERIAL_FORMATS: readonly FileFormat[] = ['docx', 'wps', 'ofd', 'pdf', 'txt'];

/**
 * MTG-1 / FILE-1 the materials of agenda items as files: streamed into the meetings service's
 * store (encrypted when the meeting is at 秘密 or above, MTG-10), attached by an event that
 * carries the reference; downloaded by the readers COMMON-3 admits to the meeting.
 */
@Injectable()
export class MeetingMaterials {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  async attach(meetingId: string, itemId: string, name: string, upload: IncomingUpload, call: CommandCall) {
    const { state } = await this.queries.execute(new MeetingStateQuery(meetingId, call.metadata.actor));
    const classified = isClassified(meetingSecrecyLevel(state));
    return storeUpload(upload, this.files, { name, encrypted: classified, acceptedFormats: MATERIAL_FORMATS }, (file) => {
      const reference = fileReferenceOf(file, meetingId, name, classified);
      return this.commands.execute(
        commandOn(meetingStream, meetingId, 'AttachAgendaItemMaterial', { itemId, file: reference }, call, { alongside: [fileNameWriting(this.runtime.schema, meetingId, reference, name)] }),
      );
    });
  }

  async download(meetingId: string, itemId: string, sha256: string, actor: Actor, request: FastifyRequest, response: FastifyReply): Promise<void> {
    const { state } = await this.queries.execute(new MeetingStateQuery(meetingId, actor));
    const held = state.status === 'empty' ? undefined : state.items.find((item) => item.itemId === itemId)?.files?.find((file) => file.sha256 === sha256);
    const stored = held && (await this.files.find(sha256, isClassified(meetingSecrecyLevel(state))));
    if (!held || !stored) throw itemNotFound(`${meetingId}/${itemId}/${sha256}`);
    await sendStoredFile(request, response, this.files, stored, await fileNameOf(this.runtime.dataSource.manager, this.runtime.schema, meetingId, held));
  }
}
