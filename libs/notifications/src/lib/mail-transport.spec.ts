import { smtpPoolOptions } from './mail-transport';

describe('smtpPoolOptions', () => {
  it('reads host, port and credentials from SMTP_URL', () => {
    expect(smtpPoolOptions('smtp://user%40x:p%3Ass@mail.example.com:2525')).toMatchObject({
      pool: true,
      host: 'mail.example.com',
      port: 2525,
      secure: false,
      auth: { user: 'user@x', pass: 'p:ss' },
    });
  });

  it('uses implicit TLS and its port for smtps', () => {
    expect(smtpPoolOptions('smtps://mail.example.com')).toMatchObject({
      secure: true,
      port: 465,
      auth: undefined,
    });
  });

  it('bounds every wait so one attempt ends well inside the send lease', () => {
    const o = smtpPoolOptions('smtp://127.0.0.1:1025');
    expect(
      (o.connectionTimeout ?? 0) + (o.greetingTimeout ?? 0) + (o.socketTimeout ?? 0),
    ).toBeLessThan(60_000);
  });
});
