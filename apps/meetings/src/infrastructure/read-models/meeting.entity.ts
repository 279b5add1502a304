import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The meetings list (会议安排): one row per meeting, kept by the inline projection. */
@Entity({ schema: 'meetings', name: 'meetings' })
export class MeetingReadModel {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'committee_id', type: 'text' })
  committeeId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  place!: string;

  @Column({ name: 'chair_id', type: 'text' })
  chairId!: string;

  @Column({ name: 'recorder_id', type: 'text' })
  recorderId!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
