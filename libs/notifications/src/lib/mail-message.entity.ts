import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { MailCalendar, MailHeaders } from './mail-extras';

export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
/** pending → sending (claimed by one worker) → sent; a failed attempt goes to failed and may be claimed again. */
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** One e-mail to send. Holds the address and bodies, so it never leaves Postgres except over SMTP. */
@Entity({ name: 'mail_messages' })
export class MailMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ type: 'text' })
  toAddress!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  textBody!: string;

  @Column({ type: 'text', nullable: true })
  htmlBody!: string | null;

  @Column({ type: 'text' })
  template!: string;

  /** An invite or cancellation sent as a text/calendar part and as invite.ics. */
  @Column({ type: 'jsonb', nullable: true })
  calendar!: MailCalendar | null;

  /** Extra headers from an allow-list (List-Unsubscribe, List-Unsubscribe-Post). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers!: MailHeaders;

  @Column({ type: 'text', unique: true })
  idempotencyKey!: string;

  @Column({ type: 'text' })
  status!: MailStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** Set when retention blanked the address, bodies, calendar part and headers. */
  @Column({ type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
