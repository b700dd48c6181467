import type { Role } from '@peerline/contracts';
import { BaseEntity } from '@peerline/db';
import { Column, Entity } from 'typeorm';

@Entity('api_keys')
export class ApiKey extends BaseEntity {
  @Column('uuid')
  organizationId!: string;

  @Column('text')
  name!: string;

  /** Public, unique part of the key: finds the row without knowing the secret. */
  @Column('text')
  prefix!: string;

  /** SHA-256 (hex) of the secret part; the secret itself is shown once and never stored. */
  @Column('text')
  keyHash!: string;

  @Column('text', { array: true })
  roles!: Role[];

  @Column('uuid', { nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}
