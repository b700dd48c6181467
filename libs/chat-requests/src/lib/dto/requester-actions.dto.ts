import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { LIMITS } from './intake.dto';
import { HasText, IsHttpUrl, IsPlainText } from '@peerline/http-kit';

const TOKEN_MAX = 100;

export class VerifyChatRequestDto {
  @ApiProperty({ description: 'The token from the verification link' })
  @IsString()
  @MaxLength(TOKEN_MAX)
  token!: string;
}

export class StatusTokenQueryDto {
  @ApiProperty({ description: 'The status token from the e-mails (or the verify answer)' })
  @IsString()
  @MaxLength(TOKEN_MAX)
  token!: string;
}

export class RequesterTokenDto {
  @ApiProperty({ description: 'The status token' })
  @IsString()
  @MaxLength(TOKEN_MAX)
  token!: string;
}

export class AppealChatRequestDto extends RequesterTokenDto {
  @ApiPropertyOptional({ maxLength: LIMITS.note, description: 'Why screening got it wrong' })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(LIMITS.note)
  note?: string;
}

/** The edited request: the text is required again, topics and links are replaced when given. */
export class ResubmitChatRequestDto extends RequesterTokenDto {
  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @IsPlainText()
  @MaxLength(LIMITS.text)
  ask!: string;

  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @IsPlainText()
  @MaxLength(LIMITS.text)
  valueProposition!: string;

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.topics })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.topics)
  @IsString({ each: true })
  @HasText({ each: true })
  @IsPlainText({ each: true })
  @MaxLength(LIMITS.topic, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.links })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.links)
  @IsString({ each: true })
  @MaxLength(LIMITS.link, { each: true })
  @IsHttpUrl({ each: true })
  links?: string[];
}
