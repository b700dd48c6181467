import { ChatSlotDto } from './triage.dto';
import { ApiProperty } from '@nestjs/swagger';
import { CHAT_REQUEST_STATUSES, type ChatRequestStatus } from '../chat-request.states';

export const SCREENING_OUTCOMES = ['passed', 'review', 'rejected'] as const;
export type ScreeningOutcomeValue = (typeof SCREENING_OUTCOMES)[number];

export class ScreeningReasonDto {
  @ApiProperty({ example: 'GENERIC_TEMPLATE' }) code!: string;
  @ApiProperty() message!: string;
}

export class ScreeningSummaryDto {
  @ApiProperty({ enum: SCREENING_OUTCOMES, nullable: true, description: 'null before screening' })
  outcome!: ScreeningOutcomeValue | null;
  @ApiProperty({ type: [ScreeningReasonDto] }) reasons!: ScreeningReasonDto[];
  @ApiProperty({ type: [String], description: 'How to improve the request' }) coaching!: string[];
}

export class VerifyResultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CHAT_REQUEST_STATUSES }) status!: ChatRequestStatus;
  @ApiProperty({
    description:
      'Opens the status page (GET /public/chat-requests/:id?token=…); the same token is in every e-mail',
  })
  statusToken!: string;
  @ApiProperty({ type: ScreeningSummaryDto }) screening!: ScreeningSummaryDto;
}

export class AmbassadorRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null when the profile is gone' })
  displayName!: string | null;
}

export class StatusHistoryEntryDto {
  @ApiProperty({ enum: CHAT_REQUEST_STATUSES }) status!: ChatRequestStatus;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class RequesterStatusDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CHAT_REQUEST_STATUSES }) status!: ChatRequestStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'capacity_full',
    description: 'Why the request waits or ended as it did',
  })
  statusReason!: string | null;
  @ApiProperty({ type: AmbassadorRefDto, nullable: true }) ambassador!: AmbassadorRefDto | null;
  @ApiProperty({ type: String, nullable: true }) topic!: string | null;
  @ApiProperty() ask!: string;
  @ApiProperty() valueProposition!: string;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ type: [String] }) links!: string[];
  @ApiProperty({ type: ScreeningSummaryDto }) screening!: ScreeningSummaryDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'While waiting' })
  retryAfter!: string | null;
  @ApiProperty() canWithdraw!: boolean;
  @ApiProperty() canResubmit!: boolean;
  @ApiProperty() canAppeal!: boolean;
  @ApiProperty({ description: 'A completed chat the requester has not rated yet' })
  canRate!: boolean;
  @ApiProperty({ type: ChatSlotDto, nullable: true, description: 'Once a time is agreed' })
  slot!: ChatSlotDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [StatusHistoryEntryDto] }) history!: StatusHistoryEntryDto[];
}

export class ChatRequestStateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CHAT_REQUEST_STATUSES }) status!: ChatRequestStatus;
  @ApiProperty({ type: String, nullable: true }) statusReason!: string | null;
  @ApiProperty({ type: ScreeningSummaryDto }) screening!: ScreeningSummaryDto;
}

export class RequesterSummaryDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) links!: string[];
}

export class ModerationScreeningDto extends ScreeningSummaryDto {
  @ApiProperty({ type: Number, nullable: true, description: '0..1, higher is better' })
  score!: number | null;
}

export class AppealDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class ModerationQueueItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['review'] }) status!: ChatRequestStatus;
  @ApiProperty({ type: AmbassadorRefDto, nullable: true }) ambassador!: AmbassadorRefDto | null;
  @ApiProperty({ type: RequesterSummaryDto }) requester!: RequesterSummaryDto;
  @ApiProperty({ description: 'The requester e-mail domain (not the address)' })
  requesterEmailDomain!: string;
  @ApiProperty() ask!: string;
  @ApiProperty() valueProposition!: string;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) jobId!: string | null;
  @ApiProperty({ type: ModerationScreeningDto }) screening!: ModerationScreeningDto;
  @ApiProperty({ type: AppealDto, nullable: true, description: 'Set when the requester appealed' })
  appeal!: AppealDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When it entered the queue' })
  queuedAt!: string;
}

export class ModerationQueuePageDto {
  @ApiProperty({ type: [ModerationQueueItemDto] }) items!: ModerationQueueItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class InboxScreeningDto {
  @ApiProperty({ enum: SCREENING_OUTCOMES, nullable: true }) outcome!: ScreeningOutcomeValue | null;
  @ApiProperty({ type: [ScreeningReasonDto], description: 'Set when HR passed it after review' })
  reasons!: ScreeningReasonDto[];
  @ApiProperty({ type: Number, nullable: true, description: '0..1, higher is better' })
  score!: number | null;
  @ApiProperty({ type: [String], description: "Topics shared with the ambassador's profile" })
  sharedTopics!: string[];
}

/** What an ambassador sees before accepting: never the requester's e-mail address. */
export class InboxItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['delivered'] }) status!: ChatRequestStatus;
  @ApiProperty({ format: 'date-time' }) deliveredAt!: string;
  @ApiProperty({ type: RequesterSummaryDto }) requester!: RequesterSummaryDto;
  @ApiProperty() ask!: string;
  @ApiProperty() valueProposition!: string;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) jobId!: string | null;
  @ApiProperty({ type: [String] }) preferredTimes!: string[];
  @ApiProperty({ type: InboxScreeningDto }) screening!: InboxScreeningDto;
}

export class InboxPageDto {
  @ApiProperty({ type: [InboxItemDto] }) items!: InboxItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
