import { Injectable } from '@nestjs/common';
import type { Actor, Role } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import {
  DomainError,
  decodeCursor,
  NotFoundError,
  toPage,
  ValidationFailedError,
} from '@peerline/http-kit';
import { AuditService, SYSTEM_ACTOR } from '@peerline/identity';
import { DataSource, type EntityManager } from 'typeorm';
import type { AmbassadorRecord, OrganizationClock, ProfileFields } from './ambassador.types';
import { ambassadorsErrors } from './ambassadors.errors';
import { toProfileDto } from './ambassadors.mappers';
import { AmbassadorsRepository } from './ambassadors.repository';
import { isUuid } from './directory-cursor.util';
import type {
  AmbassadorProfileDto,
  AmbassadorProfilePageDto,
  AmbassadorSettingsUpdatedDto,
  AmbassadorSettingsViewDto,
} from './dto/ambassador.dto';
import type { AmbassadorSettingsDto, UpdateAvailabilityDto } from './dto/availability.dto';
import type { UpsertProfileDto } from './dto/profile.dto';
import { toAvailabilityFields, toProfileFields } from './profile-fields.util';
import { SYNTHETIC_BATCH_SIZE } from './synthetic-ambassadors';

const DEFAULT_LIMIT = 20;
const MAX_REFERENCE_LENGTH = 200;

function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

function assertAnyRole(actor: Actor, ...roles: Role[]): void {
  if (!hasAnyRole(actor, roles)) {
    throw new DomainError('FORBIDDEN', 'You may not do this.', 403);
  }
}

function requireUser(actor: Actor): string {
  if (actor.kind !== 'user') throw ambassadorsErrors.error('NOT_A_USER');
  return actor.id;
}

@Injectable()
export class AmbassadorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ambassadors: AmbassadorsRepository,
    private readonly audit: AuditService,
  ) {}

  // ---- the ambassador's own profile ---------------------------------------------------------

  async getOwnProfile(actor: Actor): Promise<AmbassadorProfileDto> {
    assertAnyRole(actor, 'ambassador');
    const userId = requireUser(actor);
    const rec = await this.ambassadors.findByUserId(
      this.dataSource.manager,
      actor.organizationId,
      userId,
    );
    if (!rec) throw new NotFoundError('ambassador profile');
    return toProfileDto(rec);
  }

  /** PUT: creates the profile on first use (active, organization default capacity). */
  async upsertOwnProfile(actor: Actor, dto: UpsertProfileDto): Promise<AmbassadorProfileDto> {
    assertAnyRole(actor, 'ambassador');
    const userId = requireUser(actor);
    const fields = toProfileFields(dto);
    return inTransaction(this.dataSource, async (tx) => {
      const { id } = await this.ambassadors.upsertProfile(tx, actor.organizationId, userId, fields);
      return toProfileDto(await this.mustFind(tx, actor.organizationId, id));
    });
  }

  async updateOwnAvailability(
    actor: Actor,
    dto: UpdateAvailabilityDto,
  ): Promise<AmbassadorProfileDto> {
    assertAnyRole(actor, 'ambassador');
    const userId = requireUser(actor);
    return inTransaction(this.dataSource, async (tx) => {
      const rec = await this.ambassadors.findByUserId(tx, actor.organizationId, userId, {
        lock: true,
      });
      if (!rec) throw new NotFoundError('ambassador profile');
      return this.applyAvailability(tx, actor, rec, dto);
    });
  }

  // ---- by id: HR for the whole organization, an ambassador only for their own --------------

  async getProfile(actor: Actor, id: string): Promise<AmbassadorProfileDto> {
    return toProfileDto(await this.loadManageable(this.dataSource.manager, actor, id, false));
  }

  async updateProfile(
    actor: Actor,
    id: string,
    dto: UpsertProfileDto,
  ): Promise<AmbassadorProfileDto> {
    const fields = toProfileFields(dto);
    return inTransaction(this.dataSource, async (tx) => {
      const rec = await this.loadManageable(tx, actor, id, true);
      await this.ambassadors.updateProfile(tx, actor.organizationId, rec.id, fields);
      if (!this.isOwner(actor, rec)) {
        await this.audit.record(tx, {
          organizationId: actor.organizationId,
          actor,
          action: 'ambassador.profile_updated',
          targetType: 'ambassador',
          targetId: rec.id,
          // Which fields changed, not their values: profiles hold personal data.
          after: { fields: changedProfileFields(rec, fields) },
        });
      }
      return toProfileDto(await this.mustFind(tx, actor.organizationId, rec.id));
    });
  }

  async updateAvailability(
    actor: Actor,
    id: string,
    dto: UpdateAvailabilityDto,
  ): Promise<AmbassadorProfileDto> {
    return inTransaction(this.dataSource, async (tx) => {
      const rec = await this.loadManageable(tx, actor, id, true);
      return this.applyAvailability(tx, actor, rec, dto);
    });
  }

  async listProfiles(
    actor: Actor,
    query: { limit?: number; cursor?: string },
  ): Promise<AmbassadorProfilePageDto> {
    assertAnyRole(actor, 'hr');
    const limit = query.limit ?? DEFAULT_LIMIT;
    let after: { displayName: string; id: string } | null = null;
    if (query.cursor !== undefined) {
      const { n, i } = decodeCursor(query.cursor, ['n', 'i'] as const);
      if (!isUuid(i) || n.length > 100) {
        throw new ValidationFailedError('The cursor is not valid.', {
          fields: { cursor: ['malformed cursor'] },
        });
      }
      after = { displayName: n, id: i };
    }
    const rows = await this.ambassadors.listForStaff(
      this.dataSource.manager,
      actor.organizationId,
      after,
      limit + 1,
    );
    const page = toPage(rows, limit, (r) => ({ n: r.displayName, i: r.id }));
    return { items: page.items.map(toProfileDto), nextCursor: page.nextCursor };
  }

  // ---- organization settings ----------------------------------------------------------------

  async getSettings(actor: Actor): Promise<AmbassadorSettingsViewDto> {
    assertAnyRole(actor, 'hr', 'admin');
    return {
      defaultWeeklyCapacity: await this.ambassadors.getDefaultCapacity(
        this.dataSource.manager,
        actor.organizationId,
      ),
    };
  }

  /** The new default also applies to everyone who never set their own capacity. */
  async updateSettings(
    actor: Actor,
    dto: AmbassadorSettingsDto,
  ): Promise<AmbassadorSettingsUpdatedDto> {
    assertAnyRole(actor, 'hr', 'admin');
    return inTransaction(this.dataSource, async (tx) => {
      const clock = await this.clock(tx, actor.organizationId);
      const before = await this.ambassadors.getDefaultCapacity(tx, actor.organizationId);
      const updated = await this.ambassadors.setDefaultCapacity(
        tx,
        actor.organizationId,
        dto.defaultWeeklyCapacity,
        clock.isoWeek,
      );
      await this.audit.record(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'ambassador_settings.updated',
        targetType: 'organization',
        targetId: actor.organizationId,
        before: { defaultWeeklyCapacity: before },
        after: { defaultWeeklyCapacity: dto.defaultWeeklyCapacity, ambassadorsUpdated: updated },
      });
      return { defaultWeeklyCapacity: dto.defaultWeeklyCapacity, ambassadorsUpdated: updated };
    });
  }

  // ---- capacity, for other domains (chat requests) ------------------------------------------

  /**
   * Takes one of the ambassador's slots in the ISO week (organization time zone) containing `at`,
   * inside the caller's transaction. True when the slot is held by `reference` (also on a replay
   * of the same reference); false when the week is full, the ambassador is paused or away on that
   * date, has capacity 0, is unknown, or the reference was used and released before.
   * Never over-books: the slot is a conditional upsert on the week's counter row.
   */
  async reserveCapacity(
    tx: EntityManager,
    organizationId: string,
    ambassadorId: string,
    at: Date,
    reference: string,
  ): Promise<boolean> {
    assertReference(reference);
    if (!isUuid(organizationId) || !isUuid(ambassadorId) || Number.isNaN(at.getTime()))
      return false;
    const target = await this.ambassadors.lockForReservation(tx, organizationId, ambassadorId, at);
    if (!target) return false;
    const claimed = await this.ambassadors.claimReservation(
      tx,
      organizationId,
      ambassadorId,
      target.isoWeek,
      reference,
    );
    if (!claimed) {
      const existing = await this.ambassadors.findReservation(tx, organizationId, reference);
      return existing !== null && existing.ambassadorId === ambassadorId && !existing.released;
    }
    const took =
      target.available &&
      (await this.ambassadors.takeSlot(
        tx,
        organizationId,
        ambassadorId,
        target.isoWeek,
        target.capacity,
      ));
    // The claim was made in this transaction: removing it leaves no trace of the attempt.
    if (!took) await this.ambassadors.dropClaim(tx, organizationId, reference);
    return took;
  }

  /** Gives the reference's slot back, once: true only for the call that released it. */
  async releaseCapacity(
    tx: EntityManager,
    organizationId: string,
    ambassadorId: string,
    reference: string,
  ): Promise<boolean> {
    assertReference(reference);
    if (!isUuid(organizationId) || !isUuid(ambassadorId)) return false;
    return this.ambassadors.release(tx, organizationId, ambassadorId, reference);
  }

  // ---- operator commands (CLI, demo seed, benchmarks) ---------------------------------------

  /** Idempotent: an existing profile is left as it is. */
  async createProfileIfMissing(
    organizationId: string,
    userId: string,
    profile: UpsertProfileDto,
    availability?: UpdateAvailabilityDto,
  ): Promise<{ id: string; created: boolean }> {
    const fields = toProfileFields(profile);
    return inTransaction(this.dataSource, async (tx) => {
      const existing = await this.ambassadors.findByUserId(tx, organizationId, userId);
      if (existing) return { id: existing.id, created: false };
      const { id } = await this.ambassadors.upsertProfile(tx, organizationId, userId, fields);
      if (availability) {
        const clock = await this.clock(tx, organizationId);
        await this.ambassadors.updateAvailability(
          tx,
          organizationId,
          id,
          toAvailabilityFields(availability, clock.today),
          clock.isoWeek,
        );
      }
      await this.audit.record(tx, {
        organizationId,
        actor: SYSTEM_ACTOR,
        action: 'ambassador.created',
        targetType: 'ambassador',
        targetId: id,
      });
      return { id, created: true };
    });
  }

  countProfiles(organizationId: string): Promise<number> {
    return this.ambassadors.countInOrganization(this.dataSource.manager, organizationId);
  }

  /**
   * Benchmark data: `count` more synthetic ambassadors (with passwordless users, who cannot log
   * in), in batches so each statement stays short. Returns how many were added.
   */
  async generateSyntheticAmbassadors(
    organizationId: string,
    count: number,
    onProgress?: (done: number) => void,
  ): Promise<number> {
    const start = (await this.countProfiles(organizationId)) + 1;
    let done = 0;
    while (done < count) {
      const n = Math.min(SYNTHETIC_BATCH_SIZE, count - done);
      await inTransaction(this.dataSource, (tx) =>
        this.ambassadors.insertSynthetic(tx, organizationId, start + done, n),
      );
      done += n;
      onProgress?.(done);
    }
    await this.ambassadors.vacuumAnalyze(this.dataSource.manager);
    return done;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private isOwner(actor: Actor, rec: AmbassadorRecord): boolean {
    return actor.kind === 'user' && rec.userId === actor.id;
  }

  /** Not found and not yours are the same answer. */
  private async loadManageable(
    em: EntityManager,
    actor: Actor,
    id: string,
    lock: boolean,
  ): Promise<AmbassadorRecord> {
    assertAnyRole(actor, 'hr', 'ambassador');
    const rec = isUuid(id)
      ? await this.ambassadors.findById(em, actor.organizationId, id, { lock })
      : null;
    if (!rec || !(hasAnyRole(actor, ['hr']) || this.isOwner(actor, rec))) {
      throw new NotFoundError('ambassador');
    }
    return rec;
  }

  private async applyAvailability(
    tx: EntityManager,
    actor: Actor,
    rec: AmbassadorRecord,
    dto: UpdateAvailabilityDto,
  ): Promise<AmbassadorProfileDto> {
    const clock = await this.clock(tx, actor.organizationId);
    const availability = toAvailabilityFields(dto, clock.today);
    await this.ambassadors.updateAvailability(
      tx,
      actor.organizationId,
      rec.id,
      availability,
      clock.isoWeek,
    );
    if (!this.isOwner(actor, rec)) {
      await this.audit.record(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'ambassador.availability_changed',
        targetType: 'ambassador',
        targetId: rec.id,
        before: {
          status: rec.status,
          returnsOn: rec.returnsOn,
          weeklyCapacity: rec.weeklyCapacity,
        },
        after: { ...availability },
      });
    }
    return toProfileDto(await this.mustFind(tx, actor.organizationId, rec.id));
  }

  private async mustFind(
    tx: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<AmbassadorRecord> {
    const rec = await this.ambassadors.findById(tx, organizationId, id);
    if (!rec) throw new NotFoundError('ambassador');
    return rec;
  }

  private async clock(em: EntityManager, organizationId: string): Promise<OrganizationClock> {
    const clock = await this.ambassadors.findClock(em, organizationId);
    if (!clock) throw new NotFoundError('organization');
    return clock;
  }
}

function assertReference(reference: string): void {
  // A programming error in the calling domain, not user input: fail loudly.
  if (reference.length === 0 || reference.length > MAX_REFERENCE_LENGTH) {
    throw new Error(`capacity reference must be 1–${MAX_REFERENCE_LENGTH} characters`);
  }
}

function changedProfileFields(rec: AmbassadorRecord, next: ProfileFields): string[] {
  return (Object.keys(next) as (keyof ProfileFields)[]).filter(
    (k) => JSON.stringify(rec[k]) !== JSON.stringify(next[k]),
  );
}
