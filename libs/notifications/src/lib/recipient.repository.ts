import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DigestMode } from './notification-preferences.entity';

export interface OrganizationInfo {
  id: string;
  name: string;
  timeZone: string;
}

export interface UserRecipient {
  userId: string;
  email: string;
  name: string;
  active: boolean;
  emailEnabled: boolean;
  inAppEnabled: boolean;
  digest: DigestMode;
  /** The user's own, else the organization's. */
  timeZone: string;
  locale: string | null;
}

/**
 * Who a notification goes to. Reads identity's organizations and users tables (read-only, like
 * insights does): notifications receives ids and must find the address itself, and identity has
 * no exported lookup by id. Every query takes the organization id, so a user id of another
 * organization finds nothing.
 */
@Injectable()
export class RecipientRepository {
  async findOrganization(
    em: EntityManager,
    organizationId: string,
  ): Promise<OrganizationInfo | null> {
    const rows = await em.query<{ id: string; name: string; time_zone: string }[]>(
      `SELECT id, name, time_zone FROM organizations WHERE id = $1`,
      [organizationId],
    );
    const row = rows[0];
    return row ? { id: row.id, name: row.name, timeZone: row.time_zone } : null;
  }

  async findUser(
    em: EntityManager,
    organizationId: string,
    userId: string,
  ): Promise<UserRecipient | null> {
    const rows = await em.query<
      {
        id: string;
        email: string;
        name: string;
        is_active: boolean;
        email_enabled: boolean | null;
        in_app_enabled: boolean | null;
        digest: DigestMode | null;
        time_zone: string;
        locale: string | null;
      }[]
    >(
      `SELECT u.id, u.email, u.name, u.is_active,
              p.email_enabled, p.in_app_enabled, p.digest,
              COALESCE(p.time_zone, o.time_zone) AS time_zone, p.locale
         FROM users u
         JOIN organizations o ON o.id = u.organization_id
         LEFT JOIN notification_preferences p ON p.user_id = u.id
        WHERE u.organization_id = $1 AND u.id = $2`,
      [organizationId, userId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      userId: row.id,
      email: row.email,
      name: row.name,
      active: row.is_active,
      emailEnabled: row.email_enabled ?? true,
      inAppEnabled: row.in_app_enabled ?? true,
      digest: row.digest ?? 'immediate',
      timeZone: row.time_zone,
      locale: row.locale,
    };
  }
}
