import type { Role } from '@peerline/contracts';
import { BaseEntity } from '@peerline/db';
import { Column, Entity } from 'typeorm';

@Entity('users')
export class User extends BaseEntity {
  @Column('uuid')
  organizationId!: string;

  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  /** Null until the invite is accepted: such a user cannot log in. */
  @Column('text', { nullable: true })
  passwordHash!: string | null;

  @Column('text', { array: true })
  roles!: Role[];

  @Column('boolean')
  isActive!: boolean;

  @Column('timestamptz', { nullable: true })
  lastLoginAt!: Date | null;
}
