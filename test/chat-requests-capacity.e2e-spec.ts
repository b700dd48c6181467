import { IntakeService } from '@peerline/chat-requests';
import type { OrganizationView } from '@peerline/identity';
import { ChatHarness, SPECIFIC_ASK, SPECIFIC_VALUE, specificText } from './chat-requests.harness';

jest.setTimeout(300_000);

const ROUNDS = 20;
const PARALLEL = 50;
const CAPACITY = 5;

describe('chat requests: exact capacity and spraying', () => {
  let h: ChatHarness;
  let acme: OrganizationView;
  let hr: string;

  beforeAll(async () => {
    h = await ChatHarness.boot({
      CHAT_INTAKE_RATE_LIMIT_PER_IP: '1000000',
      CHAT_INTAKE_RATE_LIMIT_PER_EMAIL: '1000000',
    });
  });

  afterAll(async () => {
    await h.close();
  });

  beforeEach(async () => {
    await h.reset();
    acme = await h.createOrg('acme');
    hr = (await h.signedIn(acme, 'hr@acme.test', ['hr'])).tokens.accessToken;
    // Every request here comes from 127.0.0.1: lift the per-address screening limit.
    const put = await h.call('PUT', '/settings/screening', {
      token: hr,
      body: { hardLimits: { maxRequestsPerIpPerHour: 10000 } },
    });
    expect(put.status).toBe(200);
  });

  /** The capacity tests send generated texts from one template; spraying has its own tests. */
  async function allowSimilarTexts(): Promise<void> {
    const put = await h.call('PUT', '/settings/screening', {
      token: hr,
      body: {
        hardLimits: { maxRequestsPerIpPerHour: 10000 },
        nearDuplicates: { maxOtherRecipients: 10000 },
      },
    });
    expect(put.status).toBe(200);
  }

  async function submitMany(
    ambassadorId: string,
    round: number,
    extra: Record<string, unknown> = {},
  ): Promise<string[]> {
    const tokens: string[] = [];
    for (let i = 0; i < PARALLEL; i++) {
      const n = round * PARALLEL + i;
      const res = await h.submit(
        'acme',
        h.requestBody({
          ambassadorId,
          requester: { name: `Requester ${n}`, email: `r${n}@example.org`, links: [] },
          ...specificText(n),
          ...extra,
        }),
      );
      expect(res.status).toBe(202);
      tokens.push(await h.verificationToken((res.body as { id: string }).id));
    }
    return tokens;
  }

  it(`delivers exactly ${CAPACITY} of ${PARALLEL} parallel verified requests, ${ROUNDS} rounds; the rest wait`, async () => {
    await allowSimilarTexts();
    const intake = h.app.get(IntakeService);
    for (let round = 0; round < ROUNDS; round++) {
      const amb = await h.ambassador(acme, `amb${round}@acme.test`, { capacity: CAPACITY });
      const tokens = await submitMany(amb.id, round);
      const results = await Promise.all(tokens.map((t) => intake.verify(t)));
      const delivered = results.filter((r) => r.status === 'delivered').length;
      const waiting = results.filter((r) => r.status === 'waiting').length;
      expect([round, delivered, waiting]).toEqual([round, CAPACITY, PARALLEL - CAPACITY]);

      const rows = await h.ds.query<{ status: string; n: number }[]>(
        `SELECT status, count(*)::int AS n FROM chat_requests WHERE requested_ambassador_id = $1 GROUP BY status ORDER BY status`,
        [amb.id],
      );
      expect(rows).toEqual([
        { status: 'delivered', n: CAPACITY },
        { status: 'waiting', n: PARALLEL - CAPACITY },
      ]);
      const [week] = await h.ds.query<{ used: number }[]>(
        `SELECT used FROM ambassador_capacity_weeks WHERE ambassador_id = $1`,
        [amb.id],
      );
      expect(week?.used).toBe(CAPACITY);
    }
  });

  it('routes the overflow to other matching ambassadors with consent, and loses none', async () => {
    await allowSimilarTexts();
    const intake = h.app.get(IntakeService);
    const target = await h.ambassador(acme, 'target@acme.test', { capacity: CAPACITY });
    const others = [
      await h.ambassador(acme, 'o1@acme.test', { capacity: 10, topics: ['kafka'] }),
      await h.ambassador(acme, 'o2@acme.test', { capacity: 10, topics: ['postgres', 'kafka'] }),
    ];
    const tokens = await submitMany(target.id, 0, { routeIfFull: true });
    const results = await Promise.all(tokens.map((t) => intake.verify(t)));
    expect(results.filter((r) => r.status === 'delivered')).toHaveLength(CAPACITY + 20);
    expect(results.filter((r) => r.status === 'waiting')).toHaveLength(PARALLEL - CAPACITY - 20);
    const perAmbassador = await h.ds.query<{ ambassador_id: string; n: number }[]>(
      `SELECT ambassador_id, count(*)::int AS n FROM chat_requests WHERE status = 'delivered' GROUP BY ambassador_id`,
    );
    const count = (id: string) => perAmbassador.find((r) => r.ambassador_id === id)?.n ?? 0;
    expect([count(target.id), count(others[0]?.id ?? ''), count(others[1]?.id ?? '')]).toEqual([
      CAPACITY,
      10,
      10,
    ]);
    const [total] = await h.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM chat_requests`,
    );
    expect(total?.n).toBe(PARALLEL);
  });

  it('does not deliver the same text sent to 6 ambassadors within 5 minutes beyond the first ones', async () => {
    const ambassadors = [];
    for (let i = 0; i < 6; i++) ambassadors.push(await h.ambassador(acme, `s${i}@acme.test`));
    const results = [];
    for (const [i, amb] of ambassadors.entries()) {
      // A sprayer with a fresh address each time: only the text gives them away.
      results.push(
        await h.submitAndVerify(
          'acme',
          h.requestBody({
            ambassadorId: amb.id,
            requester: { name: 'Spray', email: `spray${i}@example.org`, links: [] },
            ask: SPECIFIC_ASK,
            valueProposition: SPECIFIC_VALUE,
          }),
        ),
      );
    }
    // "More than 3 other ambassadors within 5 minutes" (the default) is spraying.
    expect(results.map((r) => r.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
      'delivered',
      'rejected',
      'rejected',
    ]);
    for (const r of results.slice(4))
      expect(r.screening.reasons.map((x) => x.code)).toContain('SPRAYING');
  });

  it('catches spraying sent in parallel too', async () => {
    const intake = h.app.get(IntakeService);
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++) {
      const amb = await h.ambassador(acme, `p${i}@acme.test`);
      const res = await h.submit(
        'acme',
        h.requestBody({
          ambassadorId: amb.id,
          requester: { name: 'Spray', email: `p${i}@example.org`, links: [] },
          ask: `${SPECIFIC_ASK} (variant ${i})`,
        }),
      );
      tokens.push(await h.verificationToken((res.body as { id: string }).id));
    }
    const results = await Promise.all(tokens.map((t) => intake.verify(t)));
    expect(results.filter((r) => r.status === 'delivered')).toHaveLength(4);
    expect(
      results.filter((r) => r.screening.reasons.some((x) => x.code === 'SPRAYING')),
    ).toHaveLength(2);
  });

  it('stops one requester spraying from one address at the open-request limit', async () => {
    const results = [];
    for (let i = 0; i < 6; i++) {
      const amb = await h.ambassador(acme, `q${i}@acme.test`);
      results.push(await h.submitAndVerify('acme', h.requestBody({ ambassadorId: amb.id })));
    }
    expect(results.filter((r) => r.status === 'delivered')).toHaveLength(3);
    expect(results.slice(3).every((r) => r.status === 'rejected')).toBe(true);
  });
});
