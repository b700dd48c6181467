import { summarizeError } from '@peerline/queue';

export interface SmtpFailure {
  /** Safe for logs, Redis and last_error: no addresses, no message content. */
  summary: string;
  responseCode: number | undefined;
  /** 5xx: the server refuses for good; retrying rarely helps. */
  permanent: boolean;
}

/** nodemailer errors carry the SMTP reply, which often echoes the recipient: keep the codes only. */
export function describeSmtpError(err: unknown): SmtpFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: unknown;
    responseCode?: unknown;
    command?: unknown;
  };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const parts = [
    typeof e.code === 'string' ? e.code : undefined,
    responseCode !== undefined ? String(responseCode) : undefined,
    typeof e.command === 'string' ? e.command.split(/[\s:]/, 1)[0] : undefined,
  ].filter((p): p is string => p !== undefined && p !== '');
  // The reply text itself is dropped: it may quote the address or a line of the body.
  const summary = parts.length > 0 ? `SMTP ${parts.join(' ')}` : summarizeError(err);
  return { summary, responseCode, permanent: responseCode !== undefined && responseCode >= 500 };
}

/** Thrown instead of nodemailer's error so BullMQ's failedReason holds no address either. */
export class SmtpDeliveryError extends Error {
  constructor(readonly failure: SmtpFailure) {
    super(failure.summary);
    this.name = 'SmtpDeliveryError';
  }
}
