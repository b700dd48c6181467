import { describeSmtpError, SmtpDeliveryError } from './smtp-error';

describe('describeSmtpError', () => {
  it('keeps the codes and drops the reply text, which may quote the recipient', () => {
    const err = Object.assign(
      new Error('Message failed: 550 5.1.1 <ada@example.com>: user unknown'),
      {
        code: 'EMESSAGE',
        responseCode: 550,
        command: 'DATA',
        response: '550 5.1.1 <ada@example.com>: user unknown',
      },
    );
    const failure = describeSmtpError(err);
    expect(failure).toEqual({
      summary: 'SMTP EMESSAGE 550 DATA',
      responseCode: 550,
      permanent: true,
    });
    expect(new SmtpDeliveryError(failure).message).not.toMatch(/ada@/);
  });

  it('treats 4xx replies as temporary', () => {
    const failure = describeSmtpError(
      Object.assign(new Error('451'), { responseCode: 451, command: 'RCPT TO' }),
    );
    expect(failure).toEqual({ summary: 'SMTP 451 RCPT', responseCode: 451, permanent: false });
  });

  it('describes connection errors by their code', () => {
    const failure = describeSmtpError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }),
    );
    expect(failure).toEqual({ summary: 'SMTP ESOCKET', responseCode: undefined, permanent: false });
  });

  it('falls back to a redacted summary for anything else', () => {
    expect(describeSmtpError(new Error('odd failure for bob@example.com')).summary).toBe(
      'Error: odd failure for [address]',
    );
  });
});
