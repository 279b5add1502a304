import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { SupervisionTaskReadModel } from './supervision-task.entity';

export interface SupervisionTaskListFilter {
  readonly ownerUnit?: string;
  /** Open and overdue tasks only (not yet 办结). */
  readonly openOnly?: boolean;
}

/** Reads of the supervision list. */
@Injectable()
export class SupervisionTaskReadStore {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  list(filter: SupervisionTaskListFilter): Promise<SupervisionTaskReadModel[]> {
    return this.dataSource.getRepository(SupervisionTaskReadModel).find({
      where: {
        ...(filter.ownerUnit !== undefined && { ownerUnit: filter.ownerUnit }),
        ...(filter.openOnly === true && { status: In(['open', 'overdue']) }),
      },
      order: { deadline: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }
}
