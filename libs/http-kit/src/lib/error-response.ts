import { ApiProperty } from '@nestjs/swagger';

export class ErrorBody {
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty({ example: 'The request is not valid.' }) message!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

/** The one error shape of the API. */
export class ErrorResponse {
  @ApiProperty({ type: ErrorBody }) error!: ErrorBody;
}

export function errorBody(code: string, message: string, details: Record<string, unknown> = {}) {
  return { error: { code, message, details } };
}
