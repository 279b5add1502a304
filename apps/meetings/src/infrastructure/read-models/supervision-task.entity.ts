import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The supervision list (督办台账): one row per task, kept by the inline projection. */
@Entity({ schema: 'meetings', name: 'supervision_tasks' })
export class SupervisionTaskReadModel {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'meeting_id', type: 'text' })
  meetingId!: string;

  @Column({ name: 'item_id', type: 'text' })
  itemId!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'owner_unit', type: 'text' })
  ownerUnit!: string;

  @Column({ name: 'owner_person_id', type: 'text', nullable: true })
  ownerPersonId!: string | null;

  @Column({ type: 'text' })
  deadline!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'last_progress', type: 'text', nullable: true })
  lastProgress!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
