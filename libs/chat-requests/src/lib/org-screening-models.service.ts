import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@peerline/contracts';
import {
  decodeModel,
  encodeModel,
  trainModel,
  type LabelledText,
  type OrgLabelsModel,
} from '@peerline/screening';
import { DataSource, type EntityManager } from 'typeorm';
import { ChatRequestsRepository } from './chat-requests.repository';

/** Fewer labels of either kind than this, and the organization keeps the bundled model alone. */
export const MIN_LABELS_PER_CLASS = 20;
/** The newest labels a retraining reads: recent decisions reflect today's spam. */
export const MAX_TRAINING_LABELS = 5000;
/** How long a process keeps an organization's model before looking for a newer one. */
const CACHE_MS = 5 * 60_000;

export type RetrainOutcome = 'trained' | 'unchanged' | 'too-few-labels';

/**
 * Each organization's own classifier, trained from its moderation labels (PRODUCT.md §2: "every
 * decision stored as a label"). HR passes are legitimate; HR rejections and ambassadors' abuse
 * reports are spam. Screening blends it with the bundled model (`combinedSpamProbability`), with
 * a weight that grows with the number of labels, so a few dozen decisions nudge and never replace
 * the corpus-trained model.
 */
@Injectable()
export class OrgScreeningModels {
  private readonly logger = new Logger(OrgScreeningModels.name);
  private readonly cache = new Map<string, { until: number; model: OrgLabelsModel | null }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: ChatRequestsRepository,
    private readonly clock: Clock,
  ) {}

  /** The organization's model for screening, or undefined while it has too few labels. */
  async forOrganization(
    em: EntityManager,
    organizationId: string,
  ): Promise<OrgLabelsModel | undefined> {
    const now = this.clock.now().getTime();
    const hit = this.cache.get(organizationId);
    if (hit && hit.until > now) return hit.model ?? undefined;
    const row = await this.requests.orgModel(em, organizationId);
    let model: OrgLabelsModel | null = null;
    if (row) {
      try {
        model = { model: decodeModel(row.artifact), labelledExamples: row.labelledExamples };
      } catch (err) {
        // A damaged artifact must not stop intake: screen with the bundled model, say so once.
        this.logger.warn(
          `organization ${organizationId}: stored screening model unreadable (${(err as Error).message})`,
        );
      }
    }
    this.cache.set(organizationId, { until: now + CACHE_MS, model });
    return model ?? undefined;
  }

  /**
   * Retrains one organization when it has new labels since its last model. The label count and
   * the model row are written together; two overlapping runs train twice at worst and the row
   * ends with one complete model (an upsert of the whole row).
   */
  async retrain(organizationId: string): Promise<RetrainOutcome> {
    const em = this.dataSource.manager;
    const { total, spam, trained } = await this.requests.labelCounts(em, organizationId);
    if (spam < MIN_LABELS_PER_CLASS || total - spam < MIN_LABELS_PER_CLASS) return 'too-few-labels';
    if (trained === total) return 'unchanged';
    const labels = await this.requests.recentLabels(em, organizationId, MAX_TRAINING_LABELS);
    // Oldest first: training is deterministic for a given order.
    const examples: LabelledText[] = labels
      .reverse()
      .map((l) => ({ text: l.text, spam: l.label !== 'legitimate' }));
    const model = trainModel(examples, {
      name: `org-labels`,
      version: 1,
      // Small data: fewer weights, stronger regularization than the corpus model.
      maxWeights: 5000,
      l2: 1e-4,
    });
    const artifact = encodeModel(model, {
      organizationId,
      labels: examples.length,
      trainedAt: this.clock.now().toISOString(),
    });
    await this.requests.saveOrgModel(em, organizationId, {
      artifact,
      labelledExamples: examples.length,
      // A label stored between the count and the read is in the model: count it as seen.
      labelCount: Math.max(total, examples.length),
      trainedAt: this.clock.now(),
    });
    this.cache.delete(organizationId);
    return 'trained';
  }

  /** Every organization with enough labels and new ones since its model: retrained in turn. */
  async retrainDue(): Promise<{ organizationId: string; outcome: RetrainOutcome }[]> {
    const due = await this.requests.organizationsDueForRetraining(
      this.dataSource.manager,
      MIN_LABELS_PER_CLASS,
    );
    const results: { organizationId: string; outcome: RetrainOutcome }[] = [];
    for (const organizationId of due) {
      results.push({ organizationId, outcome: await this.retrain(organizationId) });
    }
    return results;
  }
}
