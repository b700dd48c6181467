import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { LIMITS } from './intake.dto';
import { HasText, IsPlainText } from '@peerline/http-kit';

export const MODERATION_DECISIONS = ['pass', 'reject'] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

export class ModerateChatRequestDto {
  @ApiProperty({ enum: MODERATION_DECISIONS })
  @IsIn(MODERATION_DECISIONS)
  decision!: ModerationDecision;

  @ApiProperty({
    maxLength: LIMITS.note,
    description: 'Why; a rejection note is shown to the requester',
  })
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(LIMITS.note)
  note!: string;
}
