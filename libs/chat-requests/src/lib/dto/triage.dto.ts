import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CHAT_REQUEST_STATUSES, type ChatRequestStatus } from '../chat-request.states';
import { CHAT_OUTCOMES, type ChatOutcome } from '../chat-request.types';
import { DECLINE_TEMPLATE_CODES, type DeclineTemplate } from '../decline-templates';
import { TRIAGE_ACTIONS, type TriageAction } from '../triage-links.util';
import { LIMITS } from './intake.dto';
import { RequesterTokenDto } from './requester-actions.dto';
import { CursorQueryDto, HasText, IsHttpUrl, IsPlainText } from '@peerline/http-kit';

export const FEEDBACK_NOTE_MAX = 2000;
export const DURATION_MINUTES = { min: 15, max: 120 } as const;

export class DeclineChatRequestDto {
  @ApiProperty({
    enum: DECLINE_TEMPLATE_CODES,
    description: 'The polite text the requester receives; `other` needs a note',
  })
  @IsIn(DECLINE_TEMPLATE_CODES)
  reasonTemplate!: DeclineTemplate;

  @ApiPropertyOptional({ maxLength: LIMITS.note, description: 'Added below the template text' })
  @IsOptional()
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(LIMITS.note)
  note?: string;
}

export class ForwardChatRequestDto {
  @ApiProperty({ format: 'uuid', description: 'A colleague in the directory' })
  @IsUUID()
  toAmbassadorId!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.note, description: 'Why this colleague; both see it' })
  @IsOptional()
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(LIMITS.note)
  note?: string;
}

export class IntroduceRequesterDto extends ForwardChatRequestDto {}

export class ReportChatRequestDto {
  @ApiPropertyOptional({ maxLength: LIMITS.note, description: 'What happened, for HR' })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(LIMITS.note)
  reason?: string;
}

export class ScheduleChatDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-12-03T16:00:00+01:00',
    description: 'With a UTC offset; in the future',
  })
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true, strictSeparator: true })
  startsAt!: string;

  @ApiProperty({ minimum: DURATION_MINUTES.min, maximum: DURATION_MINUTES.max, example: 30 })
  @IsInt()
  @Min(DURATION_MINUTES.min)
  @Max(DURATION_MINUTES.max)
  durationMinutes!: number;

  @ApiPropertyOptional({ maxLength: LIMITS.link, description: 'Video call link for the invite' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.link)
  @IsHttpUrl()
  meetingUrl?: string;
}

export class CancelChatDto {
  @ApiPropertyOptional({ maxLength: LIMITS.note, description: 'Shown to the requester' })
  @IsOptional()
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(LIMITS.note)
  reason?: string;
}

export class AmbassadorFeedbackDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @ApiPropertyOptional({ maxLength: FEEDBACK_NOTE_MAX })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(FEEDBACK_NOTE_MAX)
  note?: string;

  @ApiProperty({ enum: CHAT_OUTCOMES, description: 'What came of the chat' })
  @IsIn(CHAT_OUTCOMES)
  outcome!: ChatOutcome;
}

export class RequesterFeedbackDto extends RequesterTokenDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @ApiPropertyOptional({ maxLength: FEEDBACK_NOTE_MAX })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(FEEDBACK_NOTE_MAX)
  note?: string;
}

export class FeedbackEntryDto {
  @ApiProperty({ enum: ['requester', 'ambassador'] }) side!: 'requester' | 'ambassador';
  @ApiProperty({ minimum: 1, maximum: 5 }) rating!: number;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ChatSlotDto {
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ type: String, nullable: true }) meetingUrl!: string | null;
}

/** The ambassador's view of one of their requests. No e-mail address of the requester. */
export class ChatDetailDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CHAT_REQUEST_STATUSES }) status!: ChatRequestStatus;
  @ApiProperty({ type: String, nullable: true }) statusReason!: string | null;
  @ApiProperty() requesterName!: string;
  @ApiProperty({ type: [String] }) links!: string[];
  @ApiProperty() ask!: string;
  @ApiProperty() valueProposition!: string;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ type: [String] }) preferredTimes!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) respondBy!: string | null;
  @ApiProperty({ type: ChatSlotDto, nullable: true }) slot!: ChatSlotDto | null;
  @ApiProperty({ enum: CHAT_OUTCOMES, nullable: true }) outcome!: ChatOutcome | null;
  @ApiProperty({ type: [FeedbackEntryDto] }) feedback!: FeedbackEntryDto[];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Introduced after this chat',
  })
  introducedFrom!: string | null;
}

export class IntroductionResultDto {
  @ApiProperty({ format: 'uuid', description: 'The new request, delivered to the colleague' })
  id!: string;
  @ApiProperty({ enum: CHAT_REQUEST_STATUSES }) status!: ChatRequestStatus;
  @ApiProperty({ format: 'uuid' }) ambassadorId!: string;
}

export class TriageLinkResultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TRIAGE_ACTIONS }) action!: TriageAction;
  @ApiProperty({ enum: CHAT_REQUEST_STATUSES }) status!: ChatRequestStatus;
  @ApiProperty({ description: 'What happened, in a sentence for the page' }) message!: string;
}

export const MY_CHAT_STATUSES = ['accepted', 'scheduled'] as const;
export type MyChatStatus = (typeof MY_CHAT_STATUSES)[number];

export class MyChatsQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({
    enum: MY_CHAT_STATUSES,
    description: 'Only this state; both when absent',
  })
  @IsOptional()
  @IsIn(MY_CHAT_STATUSES)
  status?: MyChatStatus;
}

export class MyChatsPageDto {
  @ApiProperty({ type: [ChatDetailDto] }) items!: ChatDetailDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
