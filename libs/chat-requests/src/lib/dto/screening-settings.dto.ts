import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

// Generous upper bounds: they only stop typos (an extra zero) and absurd values.
const COUNT_MAX = 10_000;
const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/iu;

export class HardLimitsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: COUNT_MAX })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(COUNT_MAX)
  maxRequestsPerIpPerHour?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: COUNT_MAX })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(COUNT_MAX)
  maxRequestsPerEmailPerHour?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: COUNT_MAX })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(COUNT_MAX)
  maxOpenRequestsPerRequester?: number;
}

export class NearDuplicatesDto {
  @ApiPropertyOptional({ minimum: 0, maximum: COUNT_MAX, description: 'More → SPRAYING' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(COUNT_MAX)
  maxOtherRecipients?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  windowMinutes?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  minSimilarity?: number;
}

export class LinkLimitsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  maxForFirstTimeSender?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  maxTotal?: number;
}

export class TextLimitsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 2000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2000)
  minAskLetters?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 500 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(500)
  minAskWords?: number;
}

export class ClassifierThresholdsDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    description: 'null: the model default',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  reviewThreshold?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    description: 'null: the model default',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  rejectThreshold?: number | null;
}

export class SpecificityDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  reviewBelow?: number;
}

/** PUT: the complete set of overrides; whatever is left out uses the default. */
export class UpdateScreeningSettingsDto {
  @ApiPropertyOptional({ type: HardLimitsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => HardLimitsDto)
  hardLimits?: HardLimitsDto;

  @ApiPropertyOptional({ type: NearDuplicatesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NearDuplicatesDto)
  nearDuplicates?: NearDuplicatesDto;

  @ApiPropertyOptional({ type: LinkLimitsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LinkLimitsDto)
  links?: LinkLimitsDto;

  @ApiPropertyOptional({ type: TextLimitsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TextLimitsDto)
  text?: TextLimitsDto;

  @ApiPropertyOptional({ type: ClassifierThresholdsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ClassifierThresholdsDto)
  classifier?: ClassifierThresholdsDto;

  @ApiPropertyOptional({ type: SpecificityDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SpecificityDto)
  specificity?: SpecificityDto;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 1000,
    example: ['spam-agency.example'],
    description: 'Requests from these domains (and their subdomains) are rejected',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  @Matches(DOMAIN, {
    each: true,
    message: 'each blocked domain must be a domain name such as example.com',
  })
  blockedDomains?: string[];
}

class HardLimitsViewDto {
  @ApiProperty() maxRequestsPerIpPerHour!: number;
  @ApiProperty() maxRequestsPerEmailPerHour!: number;
  @ApiProperty() maxOpenRequestsPerRequester!: number;
}
class NearDuplicatesViewDto {
  @ApiProperty() maxOtherRecipients!: number;
  @ApiProperty() windowMinutes!: number;
  @ApiProperty() minSimilarity!: number;
}
class LinkLimitsViewDto {
  @ApiProperty() maxForFirstTimeSender!: number;
  @ApiProperty() maxTotal!: number;
}
class TextLimitsViewDto {
  @ApiProperty() minAskLetters!: number;
  @ApiProperty() minAskWords!: number;
}
class ClassifierViewDto {
  @ApiProperty({ type: Number, nullable: true, description: 'null: the model default' })
  reviewThreshold!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null: the model default' })
  rejectThreshold!: number | null;
}
class SpecificityViewDto {
  @ApiProperty() reviewBelow!: number;
}

/** The settings in force: the organization's overrides on top of the defaults. */
export class ScreeningSettingsViewDto {
  @ApiProperty({ type: HardLimitsViewDto }) hardLimits!: HardLimitsViewDto;
  @ApiProperty({ type: NearDuplicatesViewDto }) nearDuplicates!: NearDuplicatesViewDto;
  @ApiProperty({ type: LinkLimitsViewDto }) links!: LinkLimitsViewDto;
  @ApiProperty({ type: TextLimitsViewDto }) text!: TextLimitsViewDto;
  @ApiProperty({ type: ClassifierViewDto }) classifier!: ClassifierViewDto;
  @ApiProperty({ type: SpecificityViewDto }) specificity!: SpecificityViewDto;
  @ApiProperty({ type: [String] }) blockedDomains!: string[];
}
