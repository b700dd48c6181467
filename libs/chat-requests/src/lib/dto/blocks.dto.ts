import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CursorQueryDto } from '@peerline/http-kit';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { BlockKind, BlockStatus } from '../requester-block.entity';
import { LIMITS } from './intake.dto';
import { HasText, IsPlainText } from '@peerline/http-kit';

const BLOCK_STATUSES = ['pending_review', 'active', 'lifted'] as const;
const DECISIONS = ['confirm', 'lift'] as const;

export class BlockListQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ enum: BLOCK_STATUSES, default: 'pending_review' })
  @IsOptional()
  @IsIn(BLOCK_STATUSES)
  status?: BlockStatus;
}

export class ReviewBlockDto {
  @ApiProperty({ enum: DECISIONS, description: 'confirm keeps the block, lift ends it' })
  @IsIn(DECISIONS)
  decision!: (typeof DECISIONS)[number];

  @ApiProperty({ maxLength: LIMITS.note })
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(LIMITS.note)
  note!: string;
}

export class BlockDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['email', 'domain'] }) kind!: BlockKind;
  @ApiProperty({ description: 'The blocked address or domain' }) value!: string;
  @ApiProperty({ enum: BLOCK_STATUSES }) status!: BlockStatus;
  @ApiProperty({ enum: ['abuse_report', 'hr'] }) source!: 'abuse_report' | 'hr';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sourceRequestId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The reporting user' })
  reportedBy!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reviewedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class BlockPageDto {
  @ApiProperty({ type: [BlockDto] }) items!: BlockDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
