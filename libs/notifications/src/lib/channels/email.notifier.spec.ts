import type { EntityManager } from 'typeorm';
import type { DigestRepository, NewDigestItem } from '../digest.repository';
import type { MailService, QueueMailInput } from '../mail.service';
import { TEMPLATE_FIXTURES } from '../templates/template-fixtures';
import { renderMessage, type RenderContext } from '../templates/template-renderer';
import { EmailNotifier } from './email.notifier';
import type { NotificationDelivery, ResolvedRecipient } from './notifier';

const tx = {} as EntityManager;
const ctx: RenderContext = {
  organizationName: 'Acme',
  locale: 'en-GB',
  timeZone: 'Europe/Berlin',
  preferencesUrl: 'https://peerline.test/settings/notifications',
};
const member: ResolvedRecipient = {
  userId: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
  email: 'maria@acme.test',
  active: true,
  emailEnabled: true,
  inAppEnabled: true,
  digest: 'daily',
};
const requester: ResolvedRecipient = {
  userId: null,
  email: 'ada@example.com',
  active: true,
  emailEnabled: true,
  inAppEnabled: false,
  digest: 'immediate',
};
const cancel = {
  method: 'CANCEL' as const,
  content: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:CANCEL\r\nEND:VCALENDAR',
};

describe('EmailNotifier', () => {
  let queued: QueueMailInput[];
  let digestItems: NewDigestItem[];
  let notifier: EmailNotifier;

  beforeEach(() => {
    queued = [];
    digestItems = [];
    const mail = {
      queueMail: (_tx: EntityManager, input: QueueMailInput) => {
        queued.push(input);
        return Promise.resolve({ messageId: 'm-1', queued: true });
      },
    };
    const digests = {
      insertItem: (_tx: EntityManager, item: NewDigestItem) => {
        digestItems.push(item);
        return Promise.resolve('d-1');
      },
    };
    notifier = new EmailNotifier(
      mail as unknown as MailService,
      digests as unknown as DigestRepository,
    );
  });

  const withdrawn = (recipient: ResolvedRecipient, calendar: typeof cancel | null) =>
    ({
      organizationId: 'org-1',
      recipient,
      message: renderMessage(
        'chat-request.withdrawn',
        TEMPLATE_FIXTURES['chat-request.withdrawn'],
        ctx,
      ),
      idempotencyKey: 'chat-request.withdrawn:r-1',
      calendar,
    }) satisfies NotificationDelivery;

  it('folds a digestible message into the digest of a daily reader', async () => {
    expect(await notifier.record(tx, withdrawn(member, null))).toBe('digest');
    expect(digestItems).toHaveLength(1);
    expect(queued).toHaveLength(0);
  });

  it('sends a digestible message with a calendar at once, even to a daily reader', async () => {
    expect(await notifier.record(tx, withdrawn(member, cancel))).toBe('queued');
    expect(digestItems).toHaveLength(0);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      to: 'maria@acme.test',
      template: 'chat-request.withdrawn',
      idempotencyKey: 'chat-request.withdrawn:r-1:email',
      calendar: cancel,
    });
  });

  it('gives members a List-Unsubscribe to their preferences page, without one-click', async () => {
    await notifier.record(tx, { ...withdrawn(member, cancel) });
    expect(queued[0]?.headers).toEqual({
      'List-Unsubscribe': '<https://peerline.test/settings/notifications>',
    });
  });

  it('gives requesters no List-Unsubscribe', async () => {
    await notifier.record(tx, {
      organizationId: 'org-1',
      recipient: requester,
      message: renderMessage(
        'chat-request.cancelled',
        TEMPLATE_FIXTURES['chat-request.cancelled'],
        ctx,
      ),
      idempotencyKey: 'chat-request.cancelled:r-1',
      calendar: cancel,
    });
    expect(queued[0]).toMatchObject({ calendar: cancel, headers: {} });
  });

  it('sends nothing, calendar or not, to someone who turned e-mail off', async () => {
    expect(await notifier.record(tx, withdrawn({ ...member, emailEnabled: false }, cancel))).toBe(
      'skipped',
    );
    expect(queued).toHaveLength(0);
  });
});
