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
    const rows = await em.query<{ artifact: unknown; labelled_examples: number }[]>(
      `SELECT artifact, labelled_examples FROM screening_org_models WHERE organization_id = $1`,
      [organizationId],
    );
    const row = rows[0];
    let model: OrgLabelsModel | null = null;
    if (row) {
      try {
        model = { model: decodeModel(row.artifact), labelledExamples: row.labelled_examples };
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
    const [counts] = await em.query<{ total: number; spam: number; trained: number | null }[]>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE label IN ('spam', 'abusive'))::int AS spam,
              (SELECT label_count FROM screening_org_models WHERE organization_id = $1) AS trained
         FROM screening_labels WHERE organization_id = $1`,
      [organizationId],
    );
    const total = counts?.total ?? 0;
    const spam = counts?.spam ?? 0;
    if (spam < MIN_LABELS_PER_CLASS || total - spam < MIN_LABELS_PER_CLASS) return 'too-few-labels';
    if (counts?.trained === total) return 'unchanged';
    const labels = await em.query<{ text: string; label: string }[]>(
      `SELECT text, label FROM screening_labels WHERE organization_id = $1
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      [organizationId, MAX_TRAINING_LABELS],
    );
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
    await em.query(
      `INSERT INTO screening_org_models (organization_id, artifact, labelled_examples, label_count, trained_at)
       VALUES ($1, $2::jsonb, $3, $4, $5)
       ON CONFLICT (organization_id) DO UPDATE
         SET artifact = EXCLUDED.artifact, labelled_examples = EXCLUDED.labelled_examples,
             label_count = EXCLUDED.label_count, trained_at = EXCLUDED.trained_at`,
      [organizationId, JSON.stringify(artifact), examples.length, total, this.clock.now()],
    );
    this.cache.delete(organizationId);
    return 'trained';
  }

  /** Every organization with enough labels and new ones since its model: retrained in turn. */
  async retrainDue(): Promise<{ organizationId: string; outcome: RetrainOutcome }[]> {
    const due = await this.dataSource.manager.query<{ organization_id: string }[]>(
      `SELECT l.organization_id
         FROM screening_labels l
         LEFT JOIN screening_org_models m ON m.organization_id = l.organization_id
        GROUP BY l.organization_id, m.label_count
       HAVING count(*) FILTER (WHERE l.label IN ('spam', 'abusive')) >= $1
          AND count(*) FILTER (WHERE l.label = 'legitimate') >= $1
          AND m.label_count IS DISTINCT FROM count(*)::int`,
      [MIN_LABELS_PER_CLASS],
    );
    const results: { organizationId: string; outcome: RetrainOutcome }[] = [];
    for (const { organization_id: organizationId } of due) {
      results.push({ organizationId, outcome: await this.retrain(organizationId) });
    }
    return results;
  }
}
