import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Only HR's overrides are stored; the defaults live in the screening lib. */
@Entity('screening_settings')
export class ScreeningSettingsEntity {
  @PrimaryColumn('uuid') organizationId!: string;
  @Column('jsonb') overrides!: Record<string, unknown>;
  @Column('text', { array: true }) blockedDomains!: string[];
  @Column('uuid', { nullable: true }) updatedBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
