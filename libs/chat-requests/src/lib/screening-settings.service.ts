import { Injectable } from '@nestjs/common';
import type { Actor, Role } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { AuditService } from '@peerline/identity';
import {
  resolveScreeningSettings,
  ScreeningSettingsError,
  type ScreeningSettings,
  type ScreeningSettingsInput,
} from '@peerline/screening';
import { DataSource, type EntityManager } from 'typeorm';
import { chatRequestsErrors } from './chat-requests.errors';
import { ChatRequestsRepository } from './chat-requests.repository';
import type {
  ScreeningSettingsViewDto,
  UpdateScreeningSettingsDto,
} from './dto/screening-settings.dto';
import { normalizeDomain } from './requester-email.util';

export interface OrganizationScreeningSettings {
  /** What screen() takes: the overrides only, merged onto the defaults by the screening lib. */
  input: ScreeningSettingsInput;
  resolved: ScreeningSettings;
  blockedDomains: string[];
}

const SECTIONS = [
  'hardLimits',
  'nearDuplicates',
  'links',
  'text',
  'classifier',
  'specificity',
] as const;

export function assertAnyRole(actor: Actor, ...roles: Role[]): void {
  if (!actor.roles.some((r) => roles.includes(r))) throw chatRequestsErrors.error('FORBIDDEN');
}

/** Keeps the values HR set; null thresholds mean "the model's own", i.e. no override. */
function toOverrides(dto: UpdateScreeningSettingsDto): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const section of SECTIONS) {
    const given = dto[section] as Record<string, number | null | undefined> | undefined;
    if (given === undefined) continue;
    const kept: Record<string, number> = {};
    for (const [key, value] of Object.entries(given))
      if (typeof value === 'number') kept[key] = value;
    if (Object.keys(kept).length > 0) out[section] = kept;
  }
  return out;
}

function toView(resolved: ScreeningSettings, blockedDomains: string[]): ScreeningSettingsViewDto {
  return {
    hardLimits: { ...resolved.hardLimits },
    nearDuplicates: { ...resolved.nearDuplicates },
    links: { ...resolved.links },
    text: { ...resolved.text },
    classifier: {
      reviewThreshold: resolved.classifier.reviewThreshold ?? null,
      rejectThreshold: resolved.classifier.rejectThreshold ?? null,
    },
    specificity: { ...resolved.specificity },
    blockedDomains,
  };
}

/** Per-organization screening settings (GET/PUT /settings/screening) and their use in screening. */
@Injectable()
export class ScreeningSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: ChatRequestsRepository,
    private readonly audit: AuditService,
  ) {}

  async resolvedFor(
    em: EntityManager,
    organizationId: string,
  ): Promise<OrganizationScreeningSettings> {
    const stored = await this.requests.loadSettings(em, organizationId);
    const input = (stored?.overrides ?? {}) as ScreeningSettingsInput;
    return {
      input,
      resolved: resolveScreeningSettings(input),
      blockedDomains: stored?.blockedDomains ?? [],
    };
  }

  async get(actor: Actor): Promise<ScreeningSettingsViewDto> {
    assertAnyRole(actor, 'hr', 'admin');
    const s = await this.resolvedFor(this.dataSource.manager, actor.organizationId);
    return toView(s.resolved, s.blockedDomains);
  }

  /** PUT: the overrides are replaced as a whole; validated by the screening lib, and audited. */
  async put(actor: Actor, dto: UpdateScreeningSettingsDto): Promise<ScreeningSettingsViewDto> {
    assertAnyRole(actor, 'hr', 'admin');
    const overrides = toOverrides(dto);
    let resolved: ScreeningSettings;
    try {
      resolved = resolveScreeningSettings(overrides as ScreeningSettingsInput);
    } catch (err) {
      if (err instanceof ScreeningSettingsError) {
        throw chatRequestsErrors.error('INVALID_SCREENING_SETTINGS', { reason: err.message });
      }
      throw err;
    }
    const blockedDomains = [...new Set((dto.blockedDomains ?? []).map(normalizeDomain))].sort();
    return inTransaction(this.dataSource, async (tx) => {
      const before = await this.requests.lockSettings(tx, actor.organizationId);
      await this.requests.saveSettings(
        tx,
        actor.organizationId,
        { overrides, blockedDomains },
        actor.kind === 'user' ? actor.id : null,
      );
      await this.audit.record(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'screening_settings.updated',
        targetType: 'organization',
        targetId: actor.organizationId,
        before: { overrides: before.overrides, blockedDomains: before.blockedDomains },
        after: { overrides, blockedDomains },
      });
      return toView(resolved, blockedDomains);
    });
  }
}
