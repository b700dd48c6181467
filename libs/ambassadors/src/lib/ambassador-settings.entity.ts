import { Column, Entity } from 'typeorm';

/** The organization's directory settings; HR sets the default weekly capacity. */
@Entity('ambassador_settings')
export class AmbassadorSettings {
  @Column('uuid', { primary: true }) organizationId!: string;
  @Column('integer') defaultWeeklyCapacity!: number;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
