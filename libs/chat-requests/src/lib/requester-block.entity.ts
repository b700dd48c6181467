import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export type BlockKind = 'email' | 'domain';
/** pending_review blocks too: an abuse report stops the sender at once, HR decides later. */
export type BlockStatus = 'pending_review' | 'active' | 'lifted';

@Entity('requester_blocks')
export class RequesterBlockEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') organizationId!: string;
  @Column('text') kind!: BlockKind;
  @Column('text') value!: string;
  @Column('text') status!: BlockStatus;
  @Column('text') source!: 'abuse_report' | 'hr';
  @Column('uuid', { nullable: true }) sourceRequestId!: string | null;
  @Column('uuid', { nullable: true }) createdBy!: string | null;
  @Column('uuid', { nullable: true }) reviewedBy!: string | null;
  @Column('timestamptz', { nullable: true }) reviewedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
