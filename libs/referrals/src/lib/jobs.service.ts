import { Injectable } from '@nestjs/common';
import type { Actor } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import {
  decodeTimeCursor,
  isUuid,
  NotFoundError,
  toPage,
  ValidationFailedError,
  type Page,
} from '@peerline/http-kit';
import { AuditService } from '@peerline/identity';
import { DataSource } from 'typeorm';
import type {
  CreateJobDto,
  JobDto,
  JobListQueryDto,
  ReferralSettingsDto,
  UpdateJobStatusDto,
} from './dto/job.dto';
import type { JobRecord } from './referral.types';
import { ReferralsRepository } from './referrals.repository';
import { assertAnyRole } from './referrals.service';

export function toJobDto(j: JobRecord): JobDto {
  return {
    id: j.id,
    title: j.title,
    department: j.department,
    level: j.level,
    location: j.location,
    atsJobId: j.atsJobId,
    hiringManagerId: j.hiringManagerId,
    recruiterId: j.recruiterId,
    status: j.status,
    createdAt: j.createdAt.toISOString(),
  };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === '23505';
}

/** Jobs HR opens for referrals (or the ATS reports), and the organization's credit settings. */
@Injectable()
export class JobsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateJobDto): Promise<JobDto> {
    assertAnyRole(actor, 'hr', 'admin');
    const org = actor.organizationId;
    const people = [dto.hiringManagerId, dto.recruiterId].filter((x): x is string => !!x);
    try {
      return await inTransaction(this.dataSource, async (tx) => {
        if (
          (await this.referrals.countUsers(tx, org, [...new Set(people)])) !== new Set(people).size
        ) {
          throw new ValidationFailedError(
            'The hiring manager and recruiter must be users of your organization.',
            {
              fields: { hiringManagerId: ['unknown user'], recruiterId: ['unknown user'] },
            },
          );
        }
        const job = await this.referrals.insertJob(tx, org, {
          title: dto.title.trim(),
          department: dto.department?.trim() || null,
          level: dto.level?.trim() || null,
          location: dto.location?.trim() || null,
          atsJobId: dto.atsJobId?.trim() || null,
          hiringManagerId: dto.hiringManagerId?.toLowerCase() ?? null,
          recruiterId: dto.recruiterId?.toLowerCase() ?? null,
          status: dto.status ?? 'open',
        });
        await this.audit.record(tx, {
          organizationId: org,
          actor,
          action: 'job.created',
          targetType: 'job',
          targetId: job.id,
          after: { title: job.title, status: job.status },
        });
        return toJobDto(job);
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ValidationFailedError('Another job already has this ATS job id.', {
          fields: { atsJobId: ['already used'] },
        });
      }
      throw err;
    }
  }

  async list(actor: Actor, query: JobListQueryDto): Promise<Page<JobDto>> {
    const limit = query.limit ?? 20;
    const after = query.cursor === undefined ? null : decodeTimeCursor(query.cursor);
    const rows = await this.referrals.listJobs(
      this.dataSource.manager,
      actor.organizationId,
      query.status ?? null,
      after,
      limit + 1,
    );
    const page = toPage(rows, limit, (r) => ({ t: r.cursorAt, i: r.id }));
    return { items: page.items.map(toJobDto), nextCursor: page.nextCursor };
  }

  async setStatus(actor: Actor, id: string, dto: UpdateJobStatusDto): Promise<JobDto> {
    assertAnyRole(actor, 'hr', 'admin');
    if (!isUuid(id)) throw new NotFoundError('job');
    return inTransaction(this.dataSource, async (tx) => {
      const job = await this.referrals.findJob(tx, actor.organizationId, id.toLowerCase());
      if (!job) throw new NotFoundError('job');
      await this.referrals.setJobStatus(tx, actor.organizationId, job.id, dto.status);
      return toJobDto({ ...job, status: dto.status });
    });
  }

  async getSettings(actor: Actor): Promise<ReferralSettingsDto> {
    assertAnyRole(actor, 'hr', 'admin');
    return this.referrals.settings(this.dataSource.manager, actor.organizationId);
  }

  async putSettings(actor: Actor, dto: ReferralSettingsDto): Promise<ReferralSettingsDto> {
    assertAnyRole(actor, 'hr', 'admin');
    return inTransaction(this.dataSource, async (tx) => {
      const before = await this.referrals.settings(tx, actor.organizationId);
      const next = {
        creditModel: dto.creditModel,
        ownershipWindowMonths: dto.ownershipWindowMonths,
        priorApplicantWindowMonths: dto.priorApplicantWindowMonths,
        excludedGroups: [...new Set(dto.excludedGroups)],
      };
      await this.referrals.saveSettings(
        tx,
        actor.organizationId,
        next,
        actor.kind === 'user' ? actor.id : null,
      );
      await this.audit.record(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'referral_settings.updated',
        targetType: 'referral_settings',
        targetId: actor.organizationId,
        before: { ...before },
        after: { ...next },
      });
      return next;
    });
  }
}
