import { ApiProperty } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { DIGEST_MODES, type DigestMode } from '../notification-preferences.entity';

export class NotificationPreferencesDto {
  @ApiProperty({ description: 'E-mail notifications on or off' }) email!: boolean;
  @ApiProperty({ description: 'In-app notifications on or off' }) inApp!: boolean;
  @ApiProperty({
    enum: DIGEST_MODES,
    description: 'daily: one mail each morning instead of one per event',
  })
  digest!: DigestMode;
  @ApiProperty({ minimum: 0, maximum: 23, description: 'Local hour the daily digest goes out' })
  digestHour!: number;
  @ApiProperty({
    example: 'Europe/Berlin',
    description: 'Effective time zone (the organization’s unless set)',
  })
  timeZone!: string;
  @ApiProperty({ description: 'false when timeZone is the organization’s default' })
  timeZoneIsOwn!: boolean;
  @ApiProperty({ example: 'en-GB', description: 'Locale for dates and amounts' })
  locale!: string;
}

export class UpdateNotificationPreferencesDto {
  @ApiProperty() @IsBoolean() email!: boolean;
  @ApiProperty() @IsBoolean() inApp!: boolean;
  @ApiProperty({ enum: DIGEST_MODES }) @IsIn(DIGEST_MODES) digest!: DigestMode;

  @ApiProperty({ minimum: 0, maximum: 23, required: false, default: 8 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour?: number;

  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    description: 'IANA zone; null: the organization’s',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(64)
  timeZone?: string | null;

  @ApiProperty({ type: String, nullable: true, required: false, example: 'de-DE' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(35)
  locale?: string | null;
}
