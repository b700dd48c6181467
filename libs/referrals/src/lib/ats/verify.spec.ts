import { createHash, createHmac } from 'node:crypto';
import { DEFAULT_LEVER_TOLERANCE_MS, verifyDelivery, type InboundDelivery } from './verify';

const SECRET = 'whsec-unit-7c1e';
const NOW = new Date('2026-01-15T12:00:00.000Z');

const hex = (data: string | Buffer, secret = SECRET): string =>
  createHmac('sha256', secret).update(data).digest('hex');
const sha = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

describe('verifyDelivery — Greenhouse', () => {
  const raw = Buffer.from('{"action":"ping","payload":{}}', 'utf8');
  const delivery = (headers: InboundDelivery['headers'], body = raw): InboundDelivery => ({
    headers,
    rawBody: body,
  });

  it.each(['Signature', 'signature', 'SIGNATURE', 'sIgNaTuRe'])(
    'accepts the header spelled %s (names are case-insensitive)',
    (name) => {
      const result = verifyDelivery(
        'greenhouse',
        SECRET,
        delivery({ [name]: `sha256 ${hex(raw)}`, 'GREENHOUSE-EVENT-ID': 'evt-1' }),
        NOW,
      );
      expect(result).toEqual({
        ok: true,
        provider: 'greenhouse',
        eventId: 'evt-1',
        body: { action: 'ping', payload: {} },
      });
    },
  );

  it('accepts an upper-case hex digest', () => {
    const result = verifyDelivery(
      'greenhouse',
      SECRET,
      delivery({ signature: `sha256 ${hex(raw).toUpperCase()}` }),
      NOW,
    );
    expect(result.ok).toBe(true);
  });

  it('falls back to a hash of the raw body when Greenhouse-Event-ID is absent', () => {
    const result = verifyDelivery(
      'greenhouse',
      SECRET,
      delivery({ signature: `sha256 ${hex(raw)}` }),
      NOW,
    );
    expect(result).toMatchObject({ ok: true, eventId: sha(raw) });
  });

  it('refuses the Ashby-style "sha256=" form (Greenhouse uses a space)', () => {
    const result = verifyDelivery(
      'greenhouse',
      SECRET,
      delivery({ signature: `sha256=${hex(raw)}` }),
      NOW,
    );
    expect(result).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_INVALID' });
  });

  it.each([
    ['another secret', `sha256 ${hex(raw, 'other-secret')}`],
    ['a truncated digest', `sha256 ${hex(raw).slice(0, 63)}`],
    ['a digest that is too long', `sha256 ${hex(raw)}00`],
    ['non-hex characters', `sha256 ${'z'.repeat(64)}`],
    ['another algorithm', `sha1 ${hex(raw)}`],
  ])('is 401 SIGNATURE_INVALID for %s', (_label, signature) => {
    const result = verifyDelivery('greenhouse', SECRET, delivery({ signature }), NOW);
    expect(result).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_INVALID' });
  });

  it('is 401 SIGNATURE_MISSING for an empty header', () => {
    const result = verifyDelivery('greenhouse', SECRET, delivery({ signature: '  ' }), NOW);
    expect(result).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_MISSING' });
  });

  it('never trusts two Signature headers', () => {
    const good = `sha256 ${hex(raw)}`;
    expect(
      verifyDelivery('greenhouse', SECRET, delivery({ signature: [good, good] }), NOW),
    ).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_INVALID' });
    expect(
      verifyDelivery('greenhouse', SECRET, delivery({ Signature: good, signature: good }), NOW),
    ).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_INVALID' });
  });

  it('checks the signature before parsing: a bad signature on garbage is 401, not 400', () => {
    const garbage = Buffer.from('not json', 'utf8');
    const result = verifyDelivery(
      'greenhouse',
      SECRET,
      delivery({ signature: `sha256 ${hex(raw)}` }, garbage),
      NOW,
    );
    expect(result).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_INVALID' });
  });

  it.each([
    ['not JSON', Buffer.from('action=ping', 'utf8')],
    ['a JSON array', Buffer.from('[1,2]', 'utf8')],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
    ['empty', Buffer.alloc(0)],
  ])('is 400 MALFORMED_BODY for a correctly signed body that is %s', (_label, body) => {
    const result = verifyDelivery(
      'greenhouse',
      SECRET,
      delivery({ signature: `sha256 ${hex(body)}` }, body),
      NOW,
    );
    expect(result).toMatchObject({ ok: false, status: 400, code: 'MALFORMED_BODY' });
  });

  it('never puts the secret in a message', () => {
    const result = verifyDelivery('greenhouse', SECRET, delivery({ signature: 'sha256 00' }), NOW);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('throws on configuration errors (empty secret, no raw body)', () => {
    expect(() => verifyDelivery('greenhouse', '', delivery({}), NOW)).toThrow(TypeError);
    const noRaw = { headers: {}, rawBody: undefined } as unknown as InboundDelivery;
    expect(() => verifyDelivery('greenhouse', SECRET, noRaw, NOW)).toThrow(/rawBody/);
  });
});

describe('verifyDelivery — Ashby', () => {
  const body = {
    webhookActionId: '75395d87-4044-4dc4-bc29-0cec185e5f06',
    action: 'ping',
    data: { webhookActionType: 'ping' },
  };
  const raw = Buffer.from(JSON.stringify(body), 'utf8');

  it.each(['Ashby-Signature', 'ashby-signature', 'ASHBY-SIGNATURE'])(
    'verifies sha256=<hex> in header %s and uses webhookActionId as the event id',
    (name) => {
      const result = verifyDelivery(
        'ashby',
        SECRET,
        { headers: { [name]: `sha256=${hex(raw)}` }, rawBody: raw },
        NOW,
      );
      expect(result).toEqual({ ok: true, provider: 'ashby', eventId: body.webhookActionId, body });
    },
  );

  it('falls back to a body hash when webhookActionId is absent', () => {
    const bare = Buffer.from('{"action":"ping","data":{}}', 'utf8');
    const result = verifyDelivery(
      'ashby',
      SECRET,
      { headers: { 'ashby-signature': `sha256=${hex(bare)}` }, rawBody: bare },
      NOW,
    );
    expect(result).toMatchObject({ ok: true, eventId: sha(bare) });
  });

  it('is 401 SIGNATURE_MISSING without the header', () => {
    const result = verifyDelivery(
      'ashby',
      SECRET,
      { headers: { signature: `sha256 ${hex(raw)}` }, rawBody: raw },
      NOW,
    );
    expect(result).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_MISSING' });
  });

  it('is 401 SIGNATURE_INVALID for a changed byte or the Greenhouse "sha256 " form', () => {
    const changed = Buffer.from(raw);
    changed[10] ^= 0x01;
    expect(
      verifyDelivery(
        'ashby',
        SECRET,
        { headers: { 'ashby-signature': `sha256=${hex(raw)}` }, rawBody: changed },
        NOW,
      ),
    ).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_INVALID' });
    expect(
      verifyDelivery(
        'ashby',
        SECRET,
        { headers: { 'ashby-signature': `sha256 ${hex(raw)}` }, rawBody: raw },
        NOW,
      ),
    ).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_INVALID' });
  });

  it('is 400 MALFORMED_BODY for a correctly signed non-JSON body', () => {
    const text = Buffer.from('<xml/>', 'utf8');
    const result = verifyDelivery(
      'ashby',
      SECRET,
      { headers: { 'ashby-signature': `sha256=${hex(text)}` }, rawBody: text },
      NOW,
    );
    expect(result).toMatchObject({ ok: false, status: 400, code: 'MALFORMED_BODY' });
  });
});

describe('verifyDelivery — Lever', () => {
  const token = 'be58f711f349c7780e4579cd7c63341ac6f881e4dccc3154';
  const sentAt = NOW.getTime() - 30_000;
  const lever = (fields: Record<string, unknown>): InboundDelivery => ({
    headers: {},
    rawBody: Buffer.from(JSON.stringify(fields), 'utf8'),
  });
  const signedBody = (overrides: Record<string, unknown> = {}) => ({
    id: 'evt-lever-1',
    event: 'candidateStageChange',
    triggeredAt: sentAt,
    token,
    signature: hex(token + String(sentAt)),
    data: { opportunityId: 'opp-1', candidateId: 'cand-1', toStageId: 'stage-2' },
    ...overrides,
  });

  it('verifies token + triggeredAt, returns the token for replay checks and the body id', () => {
    const result = verifyDelivery('lever', SECRET, lever(signedBody()), NOW);
    expect(result).toEqual({
      ok: true,
      provider: 'lever',
      eventId: 'evt-lever-1',
      body: signedBody(),
      leverToken: token,
      triggeredAt: new Date(sentAt),
    });
  });

  it('does not cover `data`: a changed data field still verifies (hence tolerance + token replay)', () => {
    const result = verifyDelivery(
      'lever',
      SECRET,
      lever(signedBody({ data: { opportunityId: 'other' } })),
      NOW,
    );
    expect(result.ok).toBe(true);
  });

  it.each([
    ['another secret', { signature: hex(token + String(sentAt), 'other') }],
    ['a changed token', { token: token.replace('b', 'c') }],
    ['a changed triggeredAt', { triggeredAt: sentAt + 1 }],
    ['a non-hex signature', { signature: 'not-hex' }],
  ])('is 401 SIGNATURE_INVALID for %s', (_label, overrides) => {
    const result = verifyDelivery('lever', SECRET, lever(signedBody(overrides)), NOW);
    expect(result).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_INVALID' });
  });

  it.each(['signature', 'token', 'triggeredAt'])('is 401 SIGNATURE_MISSING without %s', (field) => {
    const body: Record<string, unknown> = signedBody();
    delete body[field];
    const result = verifyDelivery('lever', SECRET, lever(body), NOW);
    expect(result).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_MISSING' });
  });

  it('is 401 EVENT_STALE beyond the tolerance in the past or the future, at the edge it passes', () => {
    const at = (ms: number) =>
      lever(signedBody({ triggeredAt: ms, signature: hex(token + String(ms)) }));
    const tolerance = DEFAULT_LEVER_TOLERANCE_MS;
    const t = NOW.getTime();
    expect(verifyDelivery('lever', SECRET, at(t - tolerance), NOW).ok).toBe(true);
    expect(verifyDelivery('lever', SECRET, at(t + tolerance), NOW).ok).toBe(true);
    expect(verifyDelivery('lever', SECRET, at(t - tolerance - 1), NOW)).toMatchObject({
      ok: false,
      status: 401,
      code: 'EVENT_STALE',
    });
    expect(verifyDelivery('lever', SECRET, at(t + tolerance + 1), NOW)).toMatchObject({
      ok: false,
      status: 401,
      code: 'EVENT_STALE',
    });
  });

  it('honours a custom tolerance and rejects a negative one', () => {
    const body = lever(signedBody());
    expect(verifyDelivery('lever', SECRET, body, NOW, { leverToleranceMs: 10_000 })).toMatchObject({
      code: 'EVENT_STALE',
    });
    expect(() => verifyDelivery('lever', SECRET, body, NOW, { leverToleranceMs: -1 })).toThrow(
      RangeError,
    );
  });

  it('ignores header case entirely (Lever has no signature header)', () => {
    const result = verifyDelivery(
      'lever',
      SECRET,
      { ...lever(signedBody()), headers: { SIGNATURE: 'x' } },
      NOW,
    );
    expect(result.ok).toBe(true);
  });

  it.each([
    ['trailing comma', '{"token":"a","triggeredAt":1,"signature":"b",}'],
    ['a JSON string', '"hello"'],
    ['null', 'null'],
  ])('is 400 MALFORMED_BODY for %s, never a throw', (_label, text) => {
    const result = verifyDelivery(
      'lever',
      SECRET,
      { headers: {}, rawBody: Buffer.from(text, 'utf8') },
      NOW,
    );
    expect(result).toMatchObject({ ok: false, status: 400, code: 'MALFORMED_BODY' });
  });
});
