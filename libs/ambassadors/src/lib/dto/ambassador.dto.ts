import { ApiProperty } from '@nestjs/swagger';
import { AMBASSADOR_STATUSES, type AmbassadorStatus, type PublicStatus } from '../ambassador.types';
import { MATCH_REASON_CODES, type MatchReasonCode } from '../matching.util';

export class LinkDto {
  @ApiProperty() label!: string;
  @ApiProperty() url!: string;
}

export class PublicAvailabilityDto {
  @ApiProperty({ enum: ['active', 'away'] }) status!: PublicStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Set while away' })
  returnsOn!: string | null;
}

/** A directory entry: what a requester needs to choose; no user id, no contact data. */
export class AmbassadorCardDto {
  @ApiProperty({ format: 'uuid', description: 'The profile id (public)' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) photoUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) team!: string | null;
  @ApiProperty({ type: String, nullable: true }) department!: string | null;
  @ApiProperty({ type: String, nullable: true }) level!: string | null;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty({ example: 60, description: 'Current UTC offset of the time zone' })
  utcOffsetMinutes!: number;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ type: PublicAvailabilityDto }) availability!: PublicAvailabilityDto;
  @ApiProperty({ description: 'Accepts a new chat this ISO week' }) hasCapacity!: boolean;
}

export class PublicAmbassadorDto extends AmbassadorCardDto {
  @ApiProperty() bio!: string;
  @ApiProperty({ type: [String] }) askMeAbout!: string[];
  @ApiProperty({ type: [LinkDto] }) links!: LinkDto[];
  @ApiProperty({ type: [String] }) jobs!: string[];
}

export class AmbassadorCardPageDto {
  @ApiProperty({ type: [AmbassadorCardDto] }) items!: AmbassadorCardDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class MatchReasonDto {
  @ApiProperty({ enum: MATCH_REASON_CODES }) code!: MatchReasonCode;
  @ApiProperty({ type: [String], required: false, description: 'shared_topics' })
  topics?: string[];
  @ApiProperty({ required: false, description: 'same_team' }) team?: string;
  @ApiProperty({ required: false, description: 'same_department' }) department?: string;
  @ApiProperty({ required: false, description: 'speaks_language' }) language?: string;
}

export class MatchItemDto extends AmbassadorCardDto {
  @ApiProperty({ description: 'Higher is better' }) score!: number;
  @ApiProperty({ type: [MatchReasonDto] }) reasons!: MatchReasonDto[];
}

export class MatchResultDto {
  @ApiProperty({ type: [MatchItemDto] }) items!: MatchItemDto[];
}

export class AvailabilityDto {
  @ApiProperty({ enum: AMBASSADOR_STATUSES }) status!: AmbassadorStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true }) returnsOn!: string | null;
  @ApiProperty() weeklyCapacity!: number;
  @ApiProperty({ description: 'true while the organization default applies' })
  capacityIsDefault!: boolean;
  @ApiProperty({ description: 'Slots taken this ISO week (organization time zone)' })
  usedThisWeek!: number;
}

/** The owner's and HR's view: everything, including paused state and capacity use. */
export class AmbassadorProfileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The owning user' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) photoUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) team!: string | null;
  @ApiProperty({ type: String, nullable: true }) department!: string | null;
  @ApiProperty({ type: String, nullable: true }) level!: string | null;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty() timeZone!: string;
  @ApiProperty() utcOffsetMinutes!: number;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty() bio!: string;
  @ApiProperty({ type: [String] }) askMeAbout!: string[];
  @ApiProperty({ type: [LinkDto] }) links!: LinkDto[];
  @ApiProperty({ type: [String] }) jobs!: string[];
  @ApiProperty({ type: AvailabilityDto }) availability!: AvailabilityDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AmbassadorProfilePageDto {
  @ApiProperty({ type: [AmbassadorProfileDto] }) items!: AmbassadorProfileDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class AmbassadorSettingsViewDto {
  @ApiProperty() defaultWeeklyCapacity!: number;
}

export class AmbassadorSettingsUpdatedDto extends AmbassadorSettingsViewDto {
  @ApiProperty({ description: 'Ambassadors on the default whose capacity changed' })
  ambassadorsUpdated!: number;
}
