import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { canonicalTimeZone } from '../time-zone.util';

export const LANGUAGE_CODE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/;

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && canonicalTimeZone(value) !== null,
        defaultMessage: () => '$property must be an IANA time zone such as Europe/Berlin',
      },
    },
    options,
  );
}

export class AmbassadorLinkDto {
  @ApiProperty({ example: 'GitHub', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  label!: string;

  @ApiProperty({ example: 'https://github.com/jokafor', maxLength: 2048 })
  @IsString()
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  url!: string;
}

/** PUT semantics: the whole profile; an omitted optional field is cleared. */
export class UpsertProfileDto {
  @ApiProperty({ example: 'John Okafor', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://cdn.acme.test/john.jpg' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  // Pages embedding the photo are served over https; an http image would be blocked.
  @IsUrl({ protocols: ['https'], require_protocol: true })
  photoUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Senior Software Engineer' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Platform' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  team?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Engineering' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  department?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Senior' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  level?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Berlin, Germany' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  location?: string | null;

  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone' })
  @IsString()
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiPropertyOptional({ type: [String], example: ['en', 'de'], description: 'ISO 639 codes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Matches(LANGUAGE_CODE, {
    each: true,
    message: 'each value in languages must be a language code such as en or pt-BR',
  })
  languages?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['Kubernetes', 'distributed tracing', 'golang'],
    description: 'Normalized to tags: lower case, synonyms folded (k8s → kubernetes)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  bio?: string;

  @ApiPropertyOptional({ type: [String], example: ['How we run Kubernetes at scale'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  askMeAbout?: string[];

  @ApiPropertyOptional({ type: [AmbassadorLinkDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => AmbassadorLinkDto)
  links?: AmbassadorLinkDto[];

  @ApiPropertyOptional({
    type: [String],
    example: ['JOB-142', 'Senior Backend Engineer, Payments'],
    description: 'Jobs they can speak to: free-text ids or titles until jobs exist',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  jobs?: string[];
}
