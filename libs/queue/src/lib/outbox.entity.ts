import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A side effect waiting to be sent to BullMQ. Written in the command's own transaction by
 * OutboxService; the relay and the processors change it with plain SQL (SKIP LOCKED, conditional
 * updates), so this entity is for reading.
 */
@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ type: 'text' })
  jobName!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ type: 'text', unique: true })
  idempotencyKey!: string;

  @Column({ type: 'text', nullable: true })
  correlationId!: string | null;

  @Column({ type: 'timestamptz' })
  availableAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'integer' })
  dispatchCount!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
