import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@peerline/contracts';
import { DataSource } from 'typeorm';
import { AmbassadorsRepository } from './ambassadors.repository';
import { utcOffsetMinutes } from './time-zone.util';

export interface UtcOffsetRefresh {
  /** Distinct zones looked at. */
  zones: number;
  /** Zones whose stored offset was stale (one UPDATE each). */
  changedZones: number;
  /** Profiles whose offset moved. */
  profiles: number;
}

/**
 * Profiles store their zone's UTC offset at the time of the last edit, so the directory's
 * tzFrom/tzTo filter is an indexable integer comparison. DST moves many zones twice a year; this
 * puts every stored offset back in line with "now". Idempotent: an UPDATE only where the stored
 * value differs, so a repeated or concurrent run changes nothing. Cheap: one grouped read, then
 * one UPDATE per zone whose offset changed.
 */
@Injectable()
export class UtcOffsetsService {
  private readonly logger = new Logger(UtcOffsetsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly ambassadors: AmbassadorsRepository,
    private readonly clock: Clock,
  ) {}

  async refresh(): Promise<UtcOffsetRefresh> {
    const now = this.clock.now();
    const em = this.dataSource.manager;
    const zones = await this.ambassadors.listZoneOffsets(em);
    const result: UtcOffsetRefresh = { zones: zones.length, changedZones: 0, profiles: 0 };
    for (const { timeZone, offsets } of zones) {
      let current: number;
      try {
        current = utcOffsetMinutes(timeZone, now);
      } catch {
        // A zone this runtime's time zone data no longer knows: keep the last offset we had.
        this.logger.warn(`unknown time zone ${JSON.stringify(timeZone)}: offset left as stored`);
        continue;
      }
      if (offsets.length === 1 && offsets[0] === current) continue;
      result.changedZones++;
      result.profiles += await this.ambassadors.setZoneOffset(em, timeZone, current);
    }
    return result;
  }
}
