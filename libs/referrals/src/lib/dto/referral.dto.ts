import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HasText, IsHttpUrl, IsMailableEmail, IsPlainText } from '@peerline/http-kit';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  REFERRAL_STATUSES,
  REFERRAL_TYPES,
  type ReferralStatus,
  type ReferralType,
} from '../referral.states';

export class CandidateDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ maxLength: 254 })
  @IsString()
  @MaxLength(254)
  @IsMailableEmail()
  email!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 5 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  @IsHttpUrl({ each: true })
  links?: string[];
}

export class EndorsementDto {
  @ApiProperty({ example: 'worked together', maxLength: 200 })
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(200)
  relationship!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 600 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  knownForMonths?: number;

  @ApiProperty({ type: [String], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @HasText({ each: true })
  @IsPlainText({ each: true })
  @MaxLength(60, { each: true })
  skills!: string[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(2000)
  evidence?: string;

  @ApiProperty({
    maxLength: 4000,
    description: 'The warm-referral paragraph: position, level, what they can do for the team',
  })
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(4000)
  statement!: string;
}

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  jobId!: string;

  @ApiProperty({ type: CandidateDto })
  @ValidateNested()
  @Type(() => CandidateDto)
  candidate!: CandidateDto;

  @ApiProperty({ enum: REFERRAL_TYPES })
  @IsIn(REFERRAL_TYPES)
  type!: ReferralType;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for `conversation`' })
  @IsOptional()
  @IsUUID()
  chatRequestId?: string;

  @ApiProperty({ type: EndorsementDto })
  @ValidateNested()
  @Type(() => EndorsementDto)
  endorsement!: EndorsementDto;
}

export class ReferralCreatedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['awaiting_consent'] }) status!: ReferralStatus;
}

export class ConsentDecisionDto {
  @ApiProperty({ description: 'The token from the consent e-mail' })
  @IsString()
  @MaxLength(100)
  token!: string;

  @ApiProperty({ enum: ['accept', 'decline'] })
  @IsIn(['accept', 'decline'])
  decision!: 'accept' | 'decline';

  @ApiPropertyOptional({ description: 'Send me a short note when the process ends' })
  @IsOptional()
  @IsBoolean()
  closingNote?: boolean;
}

export class ConsentResultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
}

export class CreditDto {
  @ApiProperty({ description: 'Counts for a bonus' }) eligible!: boolean;
  @ApiProperty({ type: String, nullable: true, enum: ['credited', 'duplicate', 'ineligible'] })
  status!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ownership_window_owned' }) rule!:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The sentence the referrer sees' })
  explanation!: string | null;
}

export class TimelineEntryDto {
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class DisputeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['open', 'upheld', 'overturned'] }) status!:
    'open' | 'upheld' | 'overturned';
  @ApiProperty({ type: String, nullable: true }) resolutionNote!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ReferralDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty() jobTitle!: string;
  @ApiProperty({ enum: REFERRAL_TYPES }) type!: ReferralType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) chatRequestId!: string | null;
  @ApiProperty() referrer!: { id: string; name: string };
  @ApiProperty() candidate!: { name: string; email: string; links: string[] };
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty({ type: String, nullable: true }) closingReason!: string | null;
  @ApiProperty({ type: CreditDto }) credit!: CreditDto;
  @ApiProperty({ type: [TimelineEntryDto] }) timeline!: TimelineEntryDto[];
  @ApiProperty({ type: [DisputeDto] }) disputes!: DisputeDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ReferralPageDto {
  @ApiProperty({ type: [ReferralDto] }) items!: ReferralDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class OpenDisputeDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(2000)
  reason!: string;
}

export class ResolveDisputeDto {
  @ApiProperty({ enum: ['uphold', 'overturn'] })
  @IsIn(['uphold', 'overturn'])
  decision!: 'uphold' | 'overturn';

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(2000)
  note!: string;
}
