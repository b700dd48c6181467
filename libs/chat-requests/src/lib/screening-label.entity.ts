import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ScreeningLabelValue = 'legitimate' | 'spam' | 'abusive';
export type ScreeningLabelSource = 'hr_moderation' | 'hr_appeal' | 'ambassador';

/** A person's decision on a request, with its text: training data for the org's classifier. */
@Entity('screening_labels')
export class ScreeningLabelEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') organizationId!: string;
  @Column('uuid') requestId!: string;
  @Column('text') text!: string;
  @Column('text') label!: ScreeningLabelValue;
  @Column('text') source!: ScreeningLabelSource;
  @Column('uuid', { nullable: true }) decidedBy!: string | null;
  @Column('text', { nullable: true }) note!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
