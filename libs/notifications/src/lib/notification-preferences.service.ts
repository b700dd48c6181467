import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { NotFoundError, ValidationFailedError } from '@peerline/http-kit';
import type {
  NotificationPreferencesDto,
  UpdateNotificationPreferencesDto,
} from './dto/notification-preferences.dto';
import { requireUserActor } from './in-app-notifications.service';
import { NotificationPreferencesRepository } from './notification-preferences.repository';
import { RecipientRepository } from './recipient.repository';
import { DEFAULT_LOCALE, isValidLocale, isValidTimeZone } from './templates/message-formatter';

const DEFAULT_DIGEST_HOUR = 8;

@Injectable()
export class NotificationPreferencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly preferences: NotificationPreferencesRepository,
    private readonly recipients: RecipientRepository,
  ) {}

  async get(actor: Actor): Promise<NotificationPreferencesDto> {
    const userId = requireUserActor(actor);
    const em = this.dataSource.manager;
    const [stored, org] = await Promise.all([
      this.preferences.find(em, actor.organizationId, userId),
      this.recipients.findOrganization(em, actor.organizationId),
    ]);
    if (!org) throw new NotFoundError('organization');
    return {
      email: stored?.emailEnabled ?? true,
      inApp: stored?.inAppEnabled ?? true,
      digest: stored?.digest ?? 'immediate',
      digestHour: stored?.digestHour ?? DEFAULT_DIGEST_HOUR,
      timeZone: stored?.timeZone ?? org.timeZone,
      timeZoneIsOwn: (stored?.timeZone ?? null) !== null,
      locale: stored?.locale ?? DEFAULT_LOCALE,
    };
  }

  /** Replaces the whole set: an omitted time zone or locale goes back to the default. */
  async put(
    actor: Actor,
    dto: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    const userId = requireUserActor(actor);
    const timeZone = dto.timeZone ?? null;
    const locale = dto.locale ?? null;
    const fields: Record<string, string[]> = {};
    if (locale !== null && !isValidLocale(locale)) fields['locale'] = ['unknown locale'];
    await inTransaction(this.dataSource, async (tx) => {
      if (
        timeZone !== null &&
        (!isValidTimeZone(timeZone) || !(await this.preferences.isKnownTimeZone(tx, timeZone)))
      ) {
        fields['timeZone'] = ['unknown IANA time zone'];
      }
      if (Object.keys(fields).length > 0) {
        throw new ValidationFailedError('The request is not valid.', { fields });
      }
      await this.preferences.upsert(tx, actor.organizationId, userId, {
        emailEnabled: dto.email,
        inAppEnabled: dto.inApp,
        digest: dto.digest,
        digestHour: dto.digestHour ?? DEFAULT_DIGEST_HOUR,
        timeZone,
        locale,
      });
    });
    return this.get(actor);
  }
}
