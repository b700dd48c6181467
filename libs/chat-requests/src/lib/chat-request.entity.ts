import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ChatRequestStatus } from './chat-request.states';

/** The table's shape; every query is in ChatRequestsRepository. */
@Entity('chat_requests')
export class ChatRequestEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') organizationId!: string;
  @Column('uuid') requesterId!: string;
  @Column('uuid', { nullable: true }) requestedAmbassadorId!: string | null;
  @Column('uuid', { nullable: true }) ambassadorId!: string | null;
  @Column('text', { nullable: true }) routingTopic!: string | null;
  @Column('boolean') routeIfFull!: boolean;
  @Column('text') status!: ChatRequestStatus;
  @Column('text', { nullable: true }) statusReason!: string | null;
  @Column('text') requesterName!: string;
  @Column('text', { array: true }) links!: string[];
  @Column('text') ask!: string;
  @Column('text') valueProposition!: string;
  @Column('text', { array: true }) topics!: string[];
  @Column('uuid', { nullable: true }) jobId!: string | null;
  @Column('text', { array: true }) preferredTimes!: string[];
  @Column('timestamptz') consentAt!: Date;
  @Column('text') clientIpHash!: string;
  @Column('text', { nullable: true }) fingerprint!: string | null;
  @Column('text') verificationTokenHash!: string;
  @Column('timestamptz') verificationExpiresAt!: Date;
  @Column('timestamptz', { nullable: true }) verifiedAt!: Date | null;
  @Column('text', { nullable: true }) screeningOutcome!: string | null;
  @Column('jsonb') screeningReasons!: unknown;
  @Column('jsonb') screeningCoaching!: unknown;
  @Column('real', { nullable: true }) screeningScore!: number | null;
  @Column('jsonb', { nullable: true }) screeningSignals!: unknown;
  @Column('timestamptz', { nullable: true }) screenedAt!: Date | null;
  @Column('integer') resubmitCount!: number;
  @Column('timestamptz', { nullable: true }) appealedAt!: Date | null;
  @Column('text', { nullable: true }) appealNote!: string | null;
  @Column('timestamptz', { nullable: true }) retryAfter!: Date | null;
  @Column('timestamptz', { nullable: true }) deliveredAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
