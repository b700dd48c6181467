import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One row per state change: who, when, from what, to what, why. Append-only. */
@Entity('chat_request_history')
export class ChatRequestHistoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column('uuid') organizationId!: string;
  @Column('uuid') requestId!: string;
  @Column('text', { nullable: true }) fromStatus!: string | null;
  @Column('text') toStatus!: string;
  @Column('text') actorType!: string;
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('timestamptz') at!: Date;
}
