import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The seals list (印章台账): one row per registered seal, kept by the inline projection. */
@Entity({ schema: 'seals', name: 'seals' })
export class SealReadModel {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'owning_unit', type: 'text' })
  owningUnit!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'keeper_id', type: 'text', nullable: true })
  keeperId!: string | null;

  @Column({ name: 'keeper_name', type: 'text', nullable: true })
  keeperName!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
