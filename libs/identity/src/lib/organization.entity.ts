import { BaseEntity } from '@peerline/db';
import { Column, Entity } from 'typeorm';

@Entity('organizations')
export class Organization extends BaseEntity {
  @Column('text')
  slug!: string;

  @Column('text')
  name!: string;

  @Column('text')
  timeZone!: string;
}
