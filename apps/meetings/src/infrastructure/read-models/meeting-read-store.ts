import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MeetingReadModel } from './meeting.entity';

export interface MeetingListFilter {
  readonly committeeId?: string;
  readonly status?: string;
}

/** Reads of the meetings list. */
@Injectable()
export class MeetingReadStore {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  list(filter: MeetingListFilter): Promise<MeetingReadModel[]> {
    return this.dataSource.getRepository(MeetingReadModel).find({
      where: {
        ...(filter.committeeId !== undefined && { committeeId: filter.committeeId }),
        ...(filter.status !== undefined && { status: filter.status }),
      },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }
}
