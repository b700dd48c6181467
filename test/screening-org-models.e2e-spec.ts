import {
  MIN_LABELS_PER_CLASS,
  OrgScreeningModels,
  RetrainOrgModelsProcessor,
} from '@peerline/chat-requests';
import type { OrganizationView } from '@peerline/identity';
import {
  combinedSpamProbability,
  loadDefaultModel,
  requestText,
  spamProbability,
} from '@peerline/screening';
import { ChatHarness, specificText } from './chat-requests.harness';

jest.setTimeout(60_000);

const AGENCIES = ['Talentbridge', 'HireRocket', 'CodeScout', 'DevPlacers', 'StackHunters'];

/**
 * What this organization's HR keeps rejecting: agencies fishing for placements, polite and
 * specific-sounding, which the corpus-trained model alone does not call spam.
 */
function agencyPitch(i: number): string {
  const agency = AGENCIES[i % AGENCIES.length] ?? 'Talentbridge';
  return requestText({
    ask: `Hi! ${agency} represents senior engineers like you. Could we place you in a role with a ${20 + (i % 15)}% raise? Which salary band would you move for?`,
    valueProposition: `We are a boutique agency, ${agency}, with ${100 + i} placements this year at funded startups.`,
    links: [`https://${agency.toLowerCase()}.example/candidates`],
  });
}

function legitimate(i: number): string {
  return requestText({ ...specificText(i), links: [`https://github.com/dev${i}`] });
}

/**
 * HR's moderation labels train the organization's own screening model (issue 4): retrained by the
 * hourly job when there are enough labels of both kinds and new ones since the last model, used
 * by screening, and never shared across organizations.
 */
describe('screening: each organization’s model from its moderation labels', () => {
  let h: ChatHarness;
  let acme: OrganizationView;
  let globex: OrganizationView;
  let models: OrgScreeningModels;
  let requestIds: Map<string, string>;

  beforeAll(async () => {
    h = await ChatHarness.boot({
      SMTP_URL: 'smtp://127.0.0.1:9',
      CHAT_INTAKE_RATE_LIMIT_PER_IP: '10000',
      CHAT_INTAKE_RATE_LIMIT_PER_EMAIL: '10000',
    });
    await h.startWorker();
    models = h.app.get(OrgScreeningModels, { strict: false });
  });

  afterAll(async () => {
    await h.close();
  });

  beforeEach(async () => {
    await h.reset();
    acme = await h.createOrg('acme');
    globex = await h.createOrg('globex');
    requestIds = new Map();
    for (const org of [acme, globex]) {
      await h.ambassador(org, `maria@${org.slug}.test`, { name: 'Maria Lopez' });
      const res = await h.submit(org.slug, h.requestBody());
      requestIds.set(org.id, (res.body as { id: string }).id);
    }
  });

  /** Labels as HR's decisions store them, against one request of the organization. */
  async function label(org: OrganizationView, texts: string[], value: 'spam' | 'legitimate') {
    await h.ds.query(
      `INSERT INTO screening_labels (organization_id, request_id, text, label, source)
       SELECT $1, $2, t, $3, 'hr_moderation' FROM unnest($4::text[]) AS t`,
      [org.id, requestIds.get(org.id), value, texts],
    );
  }

  const retrainJob = () => h.worker?.get(RetrainOrgModelsProcessor).run();
  const stored = async () =>
    h.ds.query<{ organization_id: string; labelled_examples: number; label_count: number }[]>(
      `SELECT organization_id, labelled_examples, label_count FROM screening_org_models`,
    );

  it('trains from the labels, leans the way HR decided, retrains only on new labels', async () => {
    const n = MIN_LABELS_PER_CLASS + 10;
    await label(
      acme,
      Array.from({ length: n }, (_, i) => agencyPitch(i)),
      'spam',
    );
    await label(
      acme,
      Array.from({ length: n }, (_, i) => legitimate(i)),
      'legitimate',
    );
    await retrainJob();
    expect(await stored()).toEqual([
      { organization_id: acme.id, labelled_examples: 2 * n, label_count: 2 * n },
    ]);

    const own = await models.forOrganization(h.ds.manager, acme.id);
    expect(own?.labelledExamples).toBe(2 * n);
    // Unseen texts of both kinds: the blend moves an agency pitch towards spam and keeps a
    // specific request far below it.
    const base = loadDefaultModel();
    const pitch = agencyPitch(997);
    const ask = legitimate(997);
    expect(combinedSpamProbability(pitch, base, own)).toBeGreaterThan(spamProbability(base, pitch));
    expect(combinedSpamProbability(ask, base, own)).toBeLessThan(
      combinedSpamProbability(pitch, base, own),
    );
    // Globex labelled nothing: the bundled model alone.
    expect(await models.forOrganization(h.ds.manager, globex.id)).toBeUndefined();

    // Nothing new: nothing retrained. One more label: retrained with it.
    expect(await models.retrainDue()).toEqual([]);
    await label(acme, [agencyPitch(n + 1)], 'spam');
    expect(await models.retrainDue()).toEqual([{ organizationId: acme.id, outcome: 'trained' }]);
    expect((await stored())[0]).toMatchObject({ label_count: 2 * n + 1 });

    // Screening reads the organization's model and still passes a specific request.
    const verified = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ...specificText(4242),
        requester: { name: 'Grace Hopper', email: 'grace@example.org', links: [] },
      }),
    );
    expect(verified.screening.outcome).toBe('passed');
  });

  it('keeps the bundled model alone until both kinds have enough labels', async () => {
    await label(
      globex,
      Array.from({ length: MIN_LABELS_PER_CLASS - 1 }, (_, i) => agencyPitch(i)),
      'spam',
    );
    await label(
      globex,
      Array.from({ length: 3 * MIN_LABELS_PER_CLASS }, (_, i) => legitimate(i)),
      'legitimate',
    );
    await retrainJob();
    expect(await stored()).toEqual([]);
    expect(await models.retrain(globex.id)).toBe('too-few-labels');
    await label(globex, [agencyPitch(MIN_LABELS_PER_CLASS)], 'spam');
    expect(await models.retrain(globex.id)).toBe('trained');
    expect(await models.retrain(globex.id)).toBe('unchanged');
    // Acme's labels are acme's: it has none, so no model.
    expect(await models.forOrganization(h.ds.manager, acme.id)).toBeUndefined();
  });
});
