import { Inject, Injectable, Logger } from '@nestjs/common';
import { SecretBox } from '@peerline/config';
import type { JobPayloads } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { ProcessesJob, type JobProcessor } from '@peerline/queue';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { ashbyPushClient, AtsPushError, greenhousePushClient, type AtsPushClient } from '../ats';
import { AtsRepository } from '../ats.repository';
import { ATS_SECRETS } from '../integrations.service';

interface PushConfig {
  baseUrl: string;
  apiKey: string;
  onBehalfOf: string | null;
  referralFormId: string | null;
}

function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return { firstName: parts[0] ?? name, lastName: '' };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1) ?? '' };
}

/**
 * Pushes a consented, credited referral to the organization's ATS through the adapter (which
 * retries transient failures itself); the job's own attempts cover a worker that died. A referral
 * already pushed is not pushed again. A permanent refusal is recorded on the referral for HR.
 */
@Injectable()
@ProcessesJob('referrals.push')
export class PushReferralProcessor implements JobProcessor<'referrals.push'> {
  private readonly logger = new Logger(PushReferralProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly ats: AtsRepository,
    @Inject(ATS_SECRETS) private readonly secrets: SecretBox,
  ) {}

  /** Overridable in tests (fetch against a local server is the default path anyway). */
  protected client(provider: 'greenhouse' | 'ashby', config: PushConfig): AtsPushClient {
    return provider === 'greenhouse'
      ? greenhousePushClient({
          baseUrl: config.baseUrl,
          apiKey: config.apiKey,
          onBehalfOf: config.onBehalfOf ?? '',
        })
      : ashbyPushClient({
          baseUrl: config.baseUrl,
          apiKey: config.apiKey,
          referralFormId: config.referralFormId ?? '',
        });
  }

  async handle({ referralId }: JobPayloads['referrals.push']): Promise<void> {
    const em = this.dataSource.manager;
    const referral = await this.ats.referralForPush(em, referralId);
    if (!referral) throw new UnrecoverableError('referral does not exist');
    if (referral.pushedAt !== null || referral.creditStatus !== 'credited') return;
    const connection = await this.ats.pushConnection(em, referral.organizationId);
    if (!connection || connection.provider === 'lever') return;
    const record = (
      error: string | null,
      ids: { candidateId: string | null; applicationId: string | null },
    ) =>
      inTransaction(this.dataSource, async (tx) => {
        const locked = await this.ats.referralForPush(tx, referralId);
        if (!locked || locked.pushedAt !== null) return;
        await this.ats.recordPush(tx, referralId, { connectionId: connection.id, ...ids, error });
      });
    if (!referral.atsJobId) {
      await record('The job has no ATS job id; the referral was not pushed.', {
        candidateId: null,
        applicationId: null,
      });
      return;
    }
    const config = JSON.parse(this.secrets.open(connection.pushConfigEncrypted)) as PushConfig;
    const candidate = splitName(referral.candidateName);
    const referrer = splitName(referral.referrerName);
    try {
      const result = await this.client(connection.provider, config).push({
        candidate: { ...candidate, email: referral.candidateEmail, links: referral.candidateLinks },
        atsJobId: referral.atsJobId,
        referrer: { ...referrer, email: referral.referrerEmail },
        note: referral.statement,
        externalId: referral.id,
        jobTitle: referral.jobTitle,
      });
      await record(null, {
        candidateId: result.atsCandidateId ? `${connection.id}:${result.atsCandidateId}` : null,
        applicationId: result.atsApplicationId
          ? `${connection.id}:${result.atsApplicationId}`
          : null,
      });
    } catch (err) {
      if (err instanceof AtsPushError && !err.retryable) {
        await record(err.message, { candidateId: null, applicationId: null });
        throw new UnrecoverableError(err.message);
      }
      this.logger.warn(`push of referral ${referralId} will be retried`);
      throw err;
    }
  }
}
