import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HasText, IsPlainText } from '@peerline/http-kit';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import { TRANCHE_STATUSES } from '../model';

export const PAYOUT_STATUSES = TRANCHE_STATUSES;

export class MoneyDto {
  @ApiProperty({ example: 150000 }) amountMinor!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

export class PolicyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({
    description:
      'defaultAmount, rules, tranches, conditions, capPerReferrerPerYear, approvalThreshold',
  })
  definition!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PayoutDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty() referrer!: { id: string; name: string };
  @ApiProperty({ type: String, nullable: true, description: 'The referred candidate' })
  candidateName!: string | null;
  @ApiProperty({ enum: PAYOUT_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: MoneyDto }) amount!: MoneyDto;
  @ApiProperty({ example: '2026-03-01' }) dueDate!: string;
  @ApiProperty({ description: 'Which rule: policy version and tranche' })
  rule!: { policyVersion: number; tranche: number; of: number; percent: number };
  @ApiProperty({ type: [String] }) approvals!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) batchId!: string | null;
}

export class PayoutListQueryDto {
  @ApiPropertyOptional({ enum: PAYOUT_STATUSES })
  @IsOptional()
  @IsIn(PAYOUT_STATUSES)
  status?: (typeof PAYOUT_STATUSES)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class CancelPayoutDto {
  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @HasText()
  @IsPlainText()
  @MaxLength(1000)
  reason!: string;
}

export class BatchDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['exported', 'paid'] }) status!: string;
  @ApiProperty() payoutCount!: number;
  @ApiProperty() csvUrl!: string;
}

export class LedgerQueryDto {
  @ApiPropertyOptional({ enum: ['bonus_expense', 'bonus_payable', 'cash'] })
  @IsOptional()
  @IsIn(['bonus_expense', 'bonus_payable', 'cash'])
  account?: 'bonus_expense' | 'bonus_payable' | 'cash';

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class ForecastQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 24, default: 6 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  months?: number;
}
