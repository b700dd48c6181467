import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HasText, IsHttpUrl, IsPlainText } from '@peerline/http-kit';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
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
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Where consented referrals are pushed; null: not pushed',
  })
  pushBaseUrl!: string | null;
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

export class PushConfigDto {
  @ApiProperty({ example: 'https://harvest.greenhouse.io', description: "The ATS API's base URL" })
  @IsString()
  @MaxLength(300)
  @IsHttpUrl()
  baseUrl!: string;

  @ApiProperty({
    description: 'API key with the right to create candidates/referrals (write-only)',
  })
  @IsString()
  @HasText()
  @MaxLength(300)
  apiKey!: string;

  @ApiPropertyOptional({ description: 'Greenhouse: the user id the ingestion acts on behalf of' })
  @IsOptional()
  @IsString()
  @HasText()
  @MaxLength(100)
  onBehalfOf?: string;

  @ApiPropertyOptional({ description: "Ashby: the referral form's id (referralForm.info)" })
  @IsOptional()
  @IsString()
  @HasText()
  @MaxLength(100)
  referralFormId?: string;
}

export class AtsHiresQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only hires the ATS credits to someone other than the referrer',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  mismatch?: 'true' | 'false';
}

export class AtsHireDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) atsApplicationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) atsJobId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The matched referral',
  })
  referralId!: string | null;
  @ApiProperty({ nullable: true, description: 'Who referred the hire in Peerline' })
  referrer!: { id: string; name: string } | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-03-01' }) startDate!: string | null;
  @ApiProperty({ format: 'date-time' }) hiredAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) unhiredAt!: string | null;
  @ApiProperty({
    description:
      'The ATS credits the hire to someone other than the referrer (no money moves on it)',
  })
  creditedToMismatch!: boolean;
  @ApiProperty({ nullable: true, description: 'Whom the ATS credited' })
  creditedTo!: { name: string | null; email: string | null } | null;
}
