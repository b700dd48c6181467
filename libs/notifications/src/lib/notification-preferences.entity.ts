import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const DIGEST_MODES = ['immediate', 'daily'] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

/** One row per user who changed a default; no row means the defaults below. */
@Entity({ name: 'notification_preferences' })
export class NotificationPreferencesEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'boolean' })
  emailEnabled!: boolean;

  @Column({ type: 'boolean' })
  inAppEnabled!: boolean;

  @Column({ type: 'text' })
  digest!: DigestMode;

  @Column({ type: 'smallint' })
  digestHour!: number;

  /** Null: the organization's time zone. */
  @Column({ type: 'text', nullable: true })
  timeZone!: string | null;

  @Column({ type: 'text', nullable: true })
  locale!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
