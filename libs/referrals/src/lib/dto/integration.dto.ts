import { ApiProperty } from '@nestjs/swagger';
import { HasText, IsPlainText } from '@peerline/http-kit';
import { IsIn, IsString, MaxLength } from 'class-validator';
import type { AtsProvider } from '../ats';

const PROVIDERS = ['greenhouse', 'lever', 'ashby'] as const;

export class CreateConnectionDto {
  @ApiProperty({ enum: PROVIDERS })
  @IsIn(PROVIDERS)
  provider!: AtsProvider;

  @ApiProperty({ maxLength: 100, example: 'Greenhouse production' })
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(100)
  name!: string;
}

export class WebhookHealthDto {
  @ApiProperty() received!: number;
  @ApiProperty() processed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastReceivedAt!:
    string | null;
}

export class ConnectionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PROVIDERS }) provider!: AtsProvider;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Give this URL to the ATS' }) webhookUrl!: string;
  @ApiProperty({ type: WebhookHealthDto }) health!: WebhookHealthDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ConnectionCreatedDto extends ConnectionDto {
  @ApiProperty({ description: 'The webhook secret; shown once, store it in the ATS' })
  secret!: string;
}

export class AtsEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "The vendor's event id (or a hash of the body)" }) eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ enum: ['received', 'processed', 'ignored', 'failed'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) processedAt!: string | null;
}

export class WebhookAckDto {
  @ApiProperty() received!: boolean;
  @ApiProperty({ description: 'The event was received before; nothing changed' })
  duplicate!: boolean;
}
