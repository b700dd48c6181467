import { Injectable } from '@nestjs/common';
import { inTransaction, isUniqueViolation } from '@peerline/db';
import { ValidationFailedError } from '@peerline/http-kit';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from './actor.util';
import { AuditService } from './audit.service';
import type { CreateOrganizationInput, OrganizationView } from './dto/organizations.dto';
import { identityErrors } from './identity.errors';
import { toOrganizationView } from './identity.mappers';
import { normalizeSlug } from './normalize.util';
import { OrganizationsRepository } from './organizations.repository';

// Same rule as the CHECK constraint, checked first so the caller gets a field error, not a 500.
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Organizations are created by operators (CLI, demo seed), never over the public API. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Throws ORGANIZATION_EXISTS (409) when the slug is taken, so a rerun can catch and go on. */
  async createOrganization(input: CreateOrganizationInput): Promise<OrganizationView> {
    const slug = normalizeSlug(input.slug);
    const name = input.name.trim();
    const timeZone = input.timeZone ?? 'UTC';
    const fields: Record<string, string[]> = {};
    if (!SLUG.test(slug))
      fields['slug'] = [
        'must be 2–63 characters of a-z, 0-9 and -, starting with a letter or digit',
      ];
    if (name.length === 0) fields['name'] = ['must not be empty'];
    if (!isValidTimeZone(timeZone))
      fields['timeZone'] = ['must be an IANA time zone such as Europe/Berlin'];
    if (Object.keys(fields).length > 0)
      throw new ValidationFailedError('The organization is not valid.', { fields });
    try {
      return await inTransaction(this.dataSource, async (tx) => {
        const org = await this.organizations.insert(tx, { slug, name, timeZone });
        await this.audit.record(tx, {
          organizationId: org.id,
          actor: SYSTEM_ACTOR,
          action: 'organization.created',
          targetType: 'organization',
          targetId: org.id,
          after: { slug, name, timeZone },
        });
        return toOrganizationView(org);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw identityErrors.error('ORGANIZATION_EXISTS', { slug });
      throw err;
    }
  }

  async findOrganizationBySlug(slug: string): Promise<OrganizationView | null> {
    const org = await this.organizations.findBySlug(this.dataSource.manager, normalizeSlug(slug));
    return org ? toOrganizationView(org) : null;
  }
}
