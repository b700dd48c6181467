import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

export class NotificationSettingsDto {
  @ApiProperty({ description: 'Whether a chat webhook is set' })
  chatWebhookConfigured!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://hooks.slack.com/…',
    description: 'Only the origin of the stored URL: the rest of it is a secret',
  })
  chatWebhookUrl!: string | null;
}

export class UpdateNotificationSettingsDto {
  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    description: 'Slack-compatible incoming webhook (https). null or absent removes it.',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  chatWebhookUrl?: string | null;
}
