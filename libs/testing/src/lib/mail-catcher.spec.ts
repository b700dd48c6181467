import { createTransport } from 'nodemailer';
import { startMailCatcher, type MailCatcher } from './mail-catcher';

describe('mail catcher', () => {
  let catcher: MailCatcher;
  const send = (over: Record<string, string> = {}) =>
    createTransport({ host: '127.0.0.1', port: catcher.port, secure: false }).sendMail({
      from: 'Peerline <no-reply@peerline.local>',
      to: 'ada@example.com',
      subject:
        'Grüße — ☕ a subject long enough to be folded over more than one header line by the encoder',
      text: 'Line one\nLine two with ümlauts and a very long line '.padEnd(200, 'x'),
      html: '<p>Hi</p>',
      messageId: '<abc@peerline.local>',
      ...over,
    });

  beforeEach(async () => {
    catcher = await startMailCatcher();
  });

  afterEach(async () => {
    await catcher.close();
  });

  it('collects and decodes what nodemailer sends', async () => {
    await send();
    const [mail] = await catcher.waitFor((m) => m.length === 1, 5000);
    expect(mail).toMatchObject({
      from: 'Peerline <no-reply@peerline.local>',
      to: ['ada@example.com'],
      subject:
        'Grüße — ☕ a subject long enough to be folded over more than one header line by the encoder',
      text: 'Line one\nLine two with ümlauts and a very long line '.padEnd(200, 'x'),
      messageId: '<abc@peerline.local>',
    });
    expect(mail?.raw).toContain('Message-ID: <abc@peerline.local>');
  });

  it('answers the planned reply codes, the last one repeating', async () => {
    catcher.setReplies([451, 550]);
    await expect(send()).rejects.toMatchObject({ responseCode: 451 });
    await expect(send()).rejects.toMatchObject({ responseCode: 550 });
    await expect(send()).rejects.toMatchObject({ responseCode: 550 });
    expect(catcher.attempts).toBe(3);
    expect(catcher.messages).toHaveLength(0);

    catcher.setReplies([250]);
    await send({ subject: 'plain' });
    expect(catcher.messages.map((m) => m.subject)).toEqual(['plain']);
    catcher.clear();
    expect(catcher.messages).toHaveLength(0);
  });

  it('fails waitFor after its timeout', async () => {
    await expect(catcher.waitFor((m) => m.length > 0, 100)).rejects.toThrow(
      /not met within 100 ms/,
    );
  });
});
