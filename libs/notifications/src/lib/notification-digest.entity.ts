import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message waiting for its recipient's daily digest. */
@Entity({ name: 'notification_digest_items' })
export class NotificationDigestItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  template!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'text', unique: true })
  idempotencyKey!: string;

  /** Null until a digest took it. */
  @Column({ type: 'uuid', nullable: true })
  digestId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** One digest per user and local date (unique): the guard against a second digest that day. */
@Entity({ name: 'notification_digests' })
export class NotificationDigestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'date' })
  localDate!: string;

  @Column({ type: 'integer' })
  itemCount!: number;

  @Column({ type: 'uuid', nullable: true })
  mailMessageId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
