import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CursorQueryDto } from '@peerline/http-kit';
import { LANGUAGE_CODE } from './profile.dto';

/** `?topic=a` arrives as a string, `?topic=a&topic=b` as an array. */
export const toArray = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? [value] : value;

/** A number from the query string; '' is "not given", anything else that is not a number fails. */
export const toNumber = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  return value.trim() === '' ? undefined : Number(value);
};

export const MAX_Q_LENGTH = 200;
export const MAX_NAME_LENGTH = 100;

export class DirectoryQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({
    type: [String],
    description: 'Repeatable; all must match (normalized: k8s → kubernetes)',
  })
  @IsOptional()
  @Transform(toArray)
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  topic?: string[];

  @ApiPropertyOptional({ example: 'Platform' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  team?: string;

  @ApiPropertyOptional({ example: 'Senior' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  level?: string;

  @ApiPropertyOptional({ example: 'de' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Matches(LANGUAGE_CODE)
  language?: string;

  @ApiPropertyOptional({
    type: Number,
    minimum: -12,
    maximum: 14,
    description: 'Earliest UTC offset in hours (e.g. -5)',
  })
  @IsOptional()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(-12)
  @Max(14)
  tzFrom?: number;

  @ApiPropertyOptional({
    type: Number,
    minimum: -12,
    maximum: 14,
    description: 'Latest UTC offset in hours (e.g. 2)',
  })
  @IsOptional()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(-12)
  @Max(14)
  tzTo?: number;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: has a slot this ISO week' })
  @IsOptional()
  @IsIn(['true', 'false'])
  hasCapacity?: 'true' | 'false';

  @ApiPropertyOptional({
    maxLength: MAX_Q_LENGTH,
    description: 'Full text over bio, topics, prompts and title (web-search syntax)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_Q_LENGTH)
  q?: string;

  @ApiPropertyOptional({ maxLength: MAX_NAME_LENGTH, description: 'Fuzzy display-name search' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NAME_LENGTH)
  name?: string;
}

/** Matching takes no jobId yet: jobs arrive with their own issue, and unknown fields are 400. */
export class MatchQueryDto {
  @ApiPropertyOptional({ type: [String], description: 'Repeatable; the requester’s topics' })
  @IsOptional()
  @Transform(toArray)
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  topic?: string[];

  @ApiPropertyOptional({ example: 'Platform' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  team?: string;

  @ApiPropertyOptional({ example: 'Engineering' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  department?: string;

  @ApiPropertyOptional({ example: 'de' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Matches(LANGUAGE_CODE)
  language?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
