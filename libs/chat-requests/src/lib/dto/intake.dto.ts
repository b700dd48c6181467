import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { HasText, IsHttpUrl, IsMailableEmail, IsPlainText, UUID } from '@peerline/http-kit';

// Bounds keep every request small enough to screen in a few milliseconds and to store cheaply;
// a real ask fits easily (the screening lib itself stops reading at 10,000 characters).
export const LIMITS = {
  name: 100,
  email: 254,
  links: 5,
  link: 500,
  text: 2000,
  topics: 10,
  topic: 50,
  preferredTimes: 5,
  preferredTime: 100,
  note: 1000,
} as const;

export class RequesterInputDto {
  @ApiProperty({ example: 'Ada Lovelace', maxLength: LIMITS.name })
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(LIMITS.name)
  name!: string;

  @ApiProperty({ example: 'ada@example.org', maxLength: LIMITS.email })
  @IsString()
  @MaxLength(LIMITS.email)
  @IsMailableEmail()
  email!: string;

  @ApiProperty({
    type: [String],
    maxItems: LIMITS.links,
    example: ['https://github.com/ada'],
    description: 'Your own work: repositories, a blog, a profile',
  })
  @IsArray()
  @ArrayMaxSize(LIMITS.links)
  @IsString({ each: true })
  @MaxLength(LIMITS.link, { each: true })
  @IsHttpUrl({ each: true })
  links!: string[];
}

export class CreateChatRequestDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The ambassador to ask; omit it to be matched by topic',
  })
  @IsOptional()
  @IsString()
  @Matches(UUID, { message: 'ambassadorId must be a UUID' })
  ambassadorId?: string;

  @ApiPropertyOptional({
    example: 'kafka',
    maxLength: LIMITS.topic,
    description: 'Best match for this topic, when no ambassadorId is given',
  })
  @IsOptional()
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(LIMITS.topic)
  topic?: string;

  @ApiProperty({ type: RequesterInputDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RequesterInputDto)
  requester!: RequesterInputDto;

  @ApiProperty({
    maxLength: LIMITS.text,
    description: 'The specific question you want to ask',
    example: 'How does your team test Kafka consumers that must be idempotent?',
  })
  @IsString()
  @IsPlainText()
  @MaxLength(LIMITS.text)
  ask!: string;

  @ApiProperty({
    maxLength: LIMITS.text,
    description: 'What you bring: your own work and experience',
  })
  @IsString()
  @IsPlainText()
  @MaxLength(LIMITS.text)
  valueProposition!: string;

  @ApiProperty({ type: [String], maxItems: LIMITS.topics, example: ['kafka', 'go'] })
  @IsArray()
  @ArrayMaxSize(LIMITS.topics)
  @IsString({ each: true })
  @HasText({ each: true })
  @IsPlainText({ each: true })
  @MaxLength(LIMITS.topic, { each: true })
  topics!: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The job you are interested in' })
  @IsOptional()
  @IsString()
  @Matches(UUID, { message: 'jobId must be a UUID' })
  jobId?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: LIMITS.preferredTimes,
    example: ['weekday evenings CET'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.preferredTimes)
  @IsString({ each: true })
  @IsPlainText({ each: true })
  @MaxLength(LIMITS.preferredTime, { each: true })
  preferredTimes?: string[];

  @ApiProperty({ enum: [true], description: 'Consent to the privacy notice' })
  @Equals(true, { message: 'consent must be true' })
  consent!: true;

  @ApiPropertyOptional({
    default: false,
    description:
      "When the ambassador's week is full, send the request to the next best-matching ambassador with a free slot",
  })
  @IsOptional()
  @IsBoolean()
  routeIfFull?: boolean;
}

export class ChatRequestAcceptedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['unverified'] }) status!: 'unverified';
}
