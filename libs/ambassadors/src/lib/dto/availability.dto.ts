import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { AMBASSADOR_STATUSES, type AmbassadorStatus } from '../ambassador.types';

export const MAX_WEEKLY_CAPACITY = 50;

export class UpdateAvailabilityDto {
  @ApiProperty({ enum: AMBASSADOR_STATUSES })
  @IsIn(AMBASSADOR_STATUSES)
  status!: AmbassadorStatus;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Required when away: a date after today in the organization’s time zone',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'returnsOn must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  returnsOn?: string | null;

  @ApiProperty({ minimum: 0, maximum: MAX_WEEKLY_CAPACITY, description: 'New chats per ISO week' })
  @IsInt()
  @Min(0)
  @Max(MAX_WEEKLY_CAPACITY)
  weeklyCapacity!: number;
}

export class AmbassadorSettingsDto {
  @ApiProperty({ minimum: 0, maximum: MAX_WEEKLY_CAPACITY, example: 3 })
  @IsInt()
  @Min(0)
  @Max(MAX_WEEKLY_CAPACITY)
  defaultWeeklyCapacity!: number;
}
