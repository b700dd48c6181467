import { Column, Entity } from 'typeorm';

/** One counter per ambassador and ISO week of the organization's time zone. */
@Entity('ambassador_capacity_weeks')
export class AmbassadorCapacityWeek {
  @Column('uuid') organizationId!: string;
  @Column('uuid', { primary: true }) ambassadorId!: string;
  @Column('text', { primary: true }) isoWeek!: string;
  @Column('integer') capacity!: number;
  @Column('integer') used!: number;
  @Column({ type: 'integer', insert: false, update: false }) remaining!: number;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
