import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DigestMode } from './notification-preferences.entity';

export interface StoredPreferences {
  emailEnabled: boolean;
  inAppEnabled: boolean;
  digest: DigestMode;
  digestHour: number;
  timeZone: string | null;
  locale: string | null;
}

@Injectable()
export class NotificationPreferencesRepository {
  async find(
    em: EntityManager,
    organizationId: string,
    userId: string,
  ): Promise<StoredPreferences | null> {
    const rows = await em.query<
      {
        email_enabled: boolean;
        in_app_enabled: boolean;
        digest: DigestMode;
        digest_hour: number;
        time_zone: string | null;
        locale: string | null;
      }[]
    >(
      `SELECT email_enabled, in_app_enabled, digest, digest_hour, time_zone, locale
         FROM notification_preferences WHERE organization_id = $1 AND user_id = $2`,
      [organizationId, userId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      emailEnabled: r.email_enabled,
      inAppEnabled: r.in_app_enabled,
      digest: r.digest,
      digestHour: r.digest_hour,
      timeZone: r.time_zone,
      locale: r.locale,
    };
  }

  async upsert(
    em: EntityManager,
    organizationId: string,
    userId: string,
    p: StoredPreferences,
  ): Promise<void> {
    await em.query(
      `INSERT INTO notification_preferences
         (organization_id, user_id, email_enabled, in_app_enabled, digest, digest_hour, time_zone, locale)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (user_id) DO UPDATE SET
         email_enabled = EXCLUDED.email_enabled, in_app_enabled = EXCLUDED.in_app_enabled,
         digest = EXCLUDED.digest, digest_hour = EXCLUDED.digest_hour,
         time_zone = EXCLUDED.time_zone, locale = EXCLUDED.locale, updated_at = now()
       WHERE notification_preferences.organization_id = EXCLUDED.organization_id`,
      [
        organizationId,
        userId,
        p.emailEnabled,
        p.inAppEnabled,
        p.digest,
        p.digestHour,
        p.timeZone,
        p.locale,
      ],
    );
  }

  /** Postgres must know the zone too: the digest job computes local mornings in SQL. */
  async isKnownTimeZone(em: EntityManager, timeZone: string): Promise<boolean> {
    const rows = await em.query<{ ok: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1) AS ok`,
      [timeZone],
    );
    return rows[0]?.ok === true;
  }
}
