import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CursorQueryDto, HasText, IsPlainText } from '@peerline/http-kit';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ROLES } from '@peerline/contracts';

const STATUSES = ['open', 'closed'] as const;

export class CreateJobDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(50)
  level?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(100)
  location?: string;

  @ApiPropertyOptional({ maxLength: 100, description: "The job's id in the ATS" })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(100)
  atsJobId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  hiringManagerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  recruiterId?: string;

  @ApiPropertyOptional({ enum: STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: 'open' | 'closed';
}

export class UpdateJobStatusDto {
  @ApiProperty({ enum: STATUSES })
  @IsIn(STATUSES)
  status!: 'open' | 'closed';
}

export class JobListQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: 'open' | 'closed';
}

export class JobDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) department!: string | null;
  @ApiProperty({ type: String, nullable: true }) level!: string | null;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ type: String, nullable: true }) atsJobId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) hiringManagerId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) recruiterId!: string | null;
  @ApiProperty({ enum: STATUSES }) status!: 'open' | 'closed';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class JobPageDto {
  @ApiProperty({ type: [JobDto] }) items!: JobDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ReferralSettingsDto {
  @ApiProperty({ enum: ['candidate', 'job'] })
  @IsIn(['candidate', 'job'])
  creditModel!: 'candidate' | 'job';

  @ApiProperty({ minimum: 1, maximum: 60, default: 12 })
  @IsInt()
  @Min(1)
  @Max(60)
  ownershipWindowMonths!: number;

  @ApiProperty({ minimum: 0, maximum: 60, default: 6, description: '0 switches the rule off' })
  @IsInt()
  @Min(0)
  @Max(60)
  priorApplicantWindowMonths!: number;

  @ApiProperty({
    type: [String],
    enum: ROLES,
    description: 'Roles whose members cannot earn referral credit (e.g. hr)',
  })
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(ROLES, { each: true })
  excludedGroups!: string[];
}
