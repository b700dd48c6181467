import { Column, Entity } from 'typeorm';

/** One row per caller reference: replays of reserve or release find it and change nothing. */
@Entity('ambassador_capacity_reservations')
export class AmbassadorCapacityReservation {
  @Column('uuid', { primary: true }) organizationId!: string;
  @Column('text', { primary: true }) reference!: string;
  @Column('uuid') ambassadorId!: string;
  @Column('text') isoWeek!: string;
  @Column('timestamptz') reservedAt!: Date;
  @Column('timestamptz', { nullable: true }) releasedAt!: Date | null;
}
