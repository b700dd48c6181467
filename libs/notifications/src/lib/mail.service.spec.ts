import type { EntityManager } from 'typeorm';
import type { OutboxService } from '@peerline/queue';
import type { MailMessageRepository } from './mail-message.repository';
import { MailService, type QueueMailInput } from './mail.service';

describe('MailService.queueMail', () => {
  const tx = {} as EntityManager;
  const good: QueueMailInput = {
    to: 'ada@example.com',
    subject: 'Hello',
    text: 'Hi',
    template: 't',
    idempotencyKey: 'k',
  };
  let inserted: unknown[];
  let enqueued: unknown[];
  let service: MailService;

  beforeEach(() => {
    inserted = [];
    enqueued = [];
    const messages = {
      insertIfAbsent: (_tx: EntityManager, m: unknown) => {
        inserted.push(m);
        return Promise.resolve(
          inserted.length === 1 ? '11111111-1111-4111-8111-111111111111' : null,
        );
      },
      findIdByIdempotencyKey: () => Promise.resolve('11111111-1111-4111-8111-111111111111'),
    };
    const outbox = {
      enqueue: (...args: unknown[]) => {
        enqueued.push(args.slice(1));
        return Promise.resolve('outbox-id');
      },
    };
    service = new MailService(
      messages as unknown as MailMessageRepository,
      outbox as unknown as OutboxService,
    );
  });

  it('stores the message and queues mail.send with ids only', async () => {
    const result = await service.queueMail(tx, { ...good, organizationId: null });
    expect(result).toEqual({ messageId: '11111111-1111-4111-8111-111111111111', queued: true });
    expect(enqueued).toEqual([
      [
        'mail.send',
        { messageId: '11111111-1111-4111-8111-111111111111' },
        'mail.send:11111111-1111-4111-8111-111111111111',
        { organizationId: null },
      ],
    ]);
  });

  it('returns the earlier message for a replayed key and queues nothing', async () => {
    await service.queueMail(tx, good);
    expect(await service.queueMail(tx, good)).toEqual({
      messageId: '11111111-1111-4111-8111-111111111111',
      queued: false,
    });
    expect(enqueued).toHaveLength(1);
  });

  it.each([
    ['a recipient list', { to: 'a@example.com, b@example.com' }],
    ['a display name', { to: 'Ada <ada@example.com>' }],
    ['a header injection in the subject', { subject: 'Hi\r\nBcc: x@example.com' }],
    ['an empty idempotency key', { idempotencyKey: '' }],
  ])('refuses %s before writing anything', async (_what, change) => {
    await expect(service.queueMail(tx, { ...good, ...change })).rejects.toThrow(/queueMail/);
    expect(inserted).toHaveLength(0);
  });

  const invite = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR';
  const unsubscribe = { 'List-Unsubscribe': '<https://peerline.test/settings/notifications>' };

  it('stores a calendar part and allowed headers with the message', async () => {
    await service.queueMail(tx, {
      ...good,
      calendar: { method: 'REQUEST', content: invite },
      headers: unsubscribe,
    });
    expect(inserted[0]).toMatchObject({
      calendar: { method: 'REQUEST', content: invite },
      headers: unsubscribe,
    });
  });

  it('stores no calendar and empty headers by default', async () => {
    await service.queueMail(tx, good);
    expect(inserted[0]).toMatchObject({ calendar: null, headers: {} });
  });

  it('accepts one-click unsubscribe when it names an https URI', async () => {
    await expect(
      service.queueMail(tx, {
        ...good,
        headers: { ...unsubscribe, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      }),
    ).resolves.toMatchObject({ queued: true });
  });

  it.each([
    ['a header outside the allow-list', { headers: { Bcc: 'eve@example.com' } as never }],
    [
      'a header with a line break',
      { headers: { 'List-Unsubscribe': '<https://x.test/a>\r\nBcc: eve@example.com' } },
    ],
    [
      'a List-Unsubscribe without angle brackets',
      { headers: { 'List-Unsubscribe': 'https://x.test/a' } },
    ],
    [
      'a javascript: List-Unsubscribe',
      { headers: { 'List-Unsubscribe': '<javascript:alert(1)>' } },
    ],
    [
      'one-click without an https URI',
      {
        headers: {
          'List-Unsubscribe': '<mailto:unsubscribe@peerline.test>',
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      },
    ],
    [
      'a wrong one-click body',
      { headers: { ...unsubscribe, 'List-Unsubscribe-Post': 'unsubscribe=yes' } },
    ],
    [
      'a calendar whose METHOD differs',
      { calendar: { method: 'CANCEL' as const, content: invite } },
    ],
    [
      'a calendar that is not iCalendar',
      { calendar: { method: 'REQUEST' as const, content: 'METHOD:REQUEST' } },
    ],
    [
      'a calendar larger than 64 KiB',
      { calendar: { method: 'REQUEST' as const, content: `${invite}\r\n${'X'.repeat(65_536)}` } },
    ],
  ])('refuses %s before writing anything', async (_what, change) => {
    await expect(service.queueMail(tx, { ...good, ...change })).rejects.toThrow(/queueMail/);
    expect(inserted).toHaveLength(0);
  });
});
