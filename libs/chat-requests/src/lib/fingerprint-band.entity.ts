import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The LSH band keys of a screened request's MinHash, indexed to find near-duplicates fast. */
@Entity('chat_request_fingerprint_bands')
export class FingerprintBandEntity {
  @PrimaryColumn('uuid') requestId!: string;
  @PrimaryColumn('text') band!: string;
  @Column('uuid') organizationId!: string;
  @Column('uuid', { nullable: true }) ambassadorId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
