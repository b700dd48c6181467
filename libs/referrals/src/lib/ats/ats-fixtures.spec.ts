import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { normalizeEvent, type NormalizedAtsEvent } from './normalize';
import { verifyDelivery } from './verify';

// Conformance against the vendors' own example payloads (/work/shared/fixtures/ats, see its
// SOURCES.md), read verbatim from disk at test time and signed here with a test secret.
// From libs/referrals/src/lib/ats six levels up is the directory holding main/ and shared/.
const FIXTURES = path.resolve(__dirname, '../../../../../../shared/fixtures/ats');
const SECRET = 'test-webhook-secret-3f9a';
const NOW = new Date('2026-01-15T12:00:00Z');

function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

function greenhouseSignature(raw: Buffer, secret = SECRET): string {
  return `sha256 ${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

function flipOneByte(raw: Buffer): Buffer {
  const copy = Buffer.from(raw);
  const i = Math.floor(copy.length / 2);
  copy[i] = copy[i] ^ 0x01;
  return copy;
}

describe('Greenhouse example payloads', () => {
  const cases: { file: string; action: string; events: NormalizedAtsEvent[] }[] = [
    {
      file: 'greenhouse-new_candidate_application.json',
      action: 'new_candidate_application',
      events: [
        {
          kind: 'application_created',
          applicationId: '71980812',
          candidateId: '60304594',
          atsJobId: '274075',
          candidate: { name: 'Jane Smith', emails: ['person@work.com', 'person@example.com'] },
          creditedTo: {
            externalId: '92120',
            email: 'test123@example.com',
            name: 'Greenhouse Admin',
          },
          appliedAt: '2017-10-27T14:44:43Z',
        },
      ],
    },
    {
      file: 'greenhouse-application_updated.json',
      action: 'application_updated',
      events: [
        {
          kind: 'stage_changed',
          applicationId: '22202940',
          candidateId: '13857579',
          stage: 'Application Review',
          phase: 'in_review',
        },
      ],
    },
    {
      file: 'greenhouse-candidate_stage_change.json',
      action: 'candidate_stage_change',
      events: [
        {
          kind: 'stage_changed',
          applicationId: '265277',
          candidateId: '265772',
          stage: 'Assessment',
          phase: 'interviewing',
        },
      ],
    },
    {
      file: 'greenhouse-hire_candidate.json',
      action: 'hire_candidate',
      events: [
        {
          kind: 'hired',
          applicationId: '46194062',
          candidateId: '35897443',
          atsJobId: '323753',
          startDate: '2015-01-23',
          candidate: { name: 'Johnny Smith', emails: ['personal@example.com', 'work@example.com'] },
          creditedTo: {
            externalId: '158104',
            email: 'bob_johnson1@localhost.com',
            name: 'Robert Johnson',
          },
        },
      ],
    },
    {
      file: 'greenhouse-unhire_candidate.json',
      action: 'unhire_candidate',
      events: [{ kind: 'unhired', applicationId: '265293', candidateId: '265788' }],
    },
    {
      file: 'greenhouse-reject_candidate.json',
      action: 'reject_candidate',
      events: [
        { kind: 'rejected', applicationId: '265293', candidateId: '265788', reason: 'Too Junior' },
      ],
    },
    {
      file: 'greenhouse-merge_candidate.json',
      action: 'merge_candidate',
      events: [
        { kind: 'candidate_merged', fromCandidateIds: ['37031511'], toCandidateId: '457456' },
      ],
    },
    {
      file: 'greenhouse-delete_candidate.json',
      action: 'delete_candidate',
      events: [
        {
          kind: 'candidate_deleted',
          candidateId: '37031511',
          applicationIds: ['46196263', '46196258'],
        },
      ],
    },
    {
      file: 'greenhouse-delete_application.json',
      action: 'delete_application',
      events: [{ kind: 'application_deleted', applicationId: '46194062' }],
    },
    {
      file: 'greenhouse-candidate_anonymized.json',
      action: 'candidate_anonymized',
      events: [{ kind: 'candidate_anonymized', candidateId: '37031511' }],
    },
    {
      file: 'greenhouse-job_created.json',
      action: 'job_created',
      events: [
        {
          kind: 'job_upserted',
          atsJobId: '371417',
          title: 'Software Engineer',
          department: 'Technology',
          location: 'New York, NY',
          open: true,
        },
      ],
    },
    {
      file: 'greenhouse-offer_created.json',
      action: 'offer_created',
      events: [
        {
          kind: 'stage_changed',
          applicationId: '234556',
          candidateId: null,
          stage: null,
          phase: 'offer',
        },
      ],
    },
  ];

  it.each(cases)('$file verifies and normalizes exactly', ({ file, action, events }) => {
    const raw = fixture(file);
    const eventId = `gh-${action}-1`;
    const verified = verifyDelivery(
      'greenhouse',
      SECRET,
      {
        headers: { signature: greenhouseSignature(raw), 'greenhouse-event-id': eventId },
        rawBody: raw,
      },
      NOW,
    );
    expect(verified).toEqual({
      ok: true,
      provider: 'greenhouse',
      eventId,
      body: JSON.parse(raw.toString('utf8')),
    });
    if (!verified.ok) throw new Error('unreachable');
    expect(normalizeEvent('greenhouse', verified.body)).toEqual({
      events,
      ignored: null,
      eventType: action,
    });
  });

  it.each(cases)('$file with one byte changed is 401 SIGNATURE_INVALID', ({ file }) => {
    const raw = fixture(file);
    const verified = verifyDelivery(
      'greenhouse',
      SECRET,
      { headers: { Signature: greenhouseSignature(raw) }, rawBody: flipOneByte(raw) },
      NOW,
    );
    expect(verified).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_INVALID' });
  });

  it.each(cases)('$file without a Signature header is 401 SIGNATURE_MISSING', ({ file }) => {
    const verified = verifyDelivery(
      'greenhouse',
      SECRET,
      { headers: { 'greenhouse-event-id': 'x' }, rawBody: fixture(file) },
      NOW,
    );
    expect(verified).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_MISSING' });
  });
});

describe('Lever example payloads', () => {
  // Lever signs token + triggeredAt, carried in the body next to the signature.
  function leverSignature(token: string, triggeredAt: string, secret = SECRET): string {
    return createHmac('sha256', secret)
      .update(token + triggeredAt)
      .digest('hex');
  }

  // Replaces only the signature value: every other byte of the vendor example stays as published.
  function withSignature(raw: Buffer, signature: string): Buffer {
    const text = raw.toString('utf8');
    const replaced = text.replace(/("signature"\s*:\s*")[^"]*(")/, `$1${signature}$2`);
    expect(replaced).not.toBe(text);
    return Buffer.from(replaced, 'utf8');
  }

  function extract(raw: Buffer): { token: string; triggeredAt: string } {
    const text = raw.toString('utf8');
    const token = /"token"\s*:\s*"([^"]*)"/.exec(text)?.[1];
    const triggeredAt = /"triggeredAt"\s*:\s*(\d+)/.exec(text)?.[1];
    if (token === undefined || triggeredAt === undefined) throw new Error('fixture changed');
    return { token, triggeredAt };
  }

  describe('lever-webhook-test-request-candidateHired.json', () => {
    const raw = fixture('lever-webhook-test-request-candidateHired.json');
    const { token, triggeredAt } = extract(raw);
    const sentAt = new Date(Number(triggeredAt));
    const signed = withSignature(raw, leverSignature(token, triggeredAt));

    it('verifies when re-signed, returns the token and time, and is ignored (empty data)', () => {
      const now = new Date(sentAt.getTime() + 60_000);
      const verified = verifyDelivery('lever', SECRET, { headers: {}, rawBody: signed }, now);
      expect(verified).toMatchObject({
        ok: true,
        provider: 'lever',
        leverToken: '657fd5a0759c87d35660b096dbc388d1d31058869f08ce3f',
        triggeredAt: new Date(1431458021951),
      });
      if (!verified.ok) throw new Error('unreachable');
      // The example has no `id`: the event id falls back to a hash of the body.
      expect(verified.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(normalizeEvent('lever', verified.body)).toEqual({
        events: [],
        ignored: 'candidateHired without opportunityId or candidateId',
        eventType: 'candidateHired',
      });
    });

    it('as published (placeholder, non-hex signature) is 401 SIGNATURE_INVALID', () => {
      const verified = verifyDelivery('lever', SECRET, { headers: {}, rawBody: raw }, sentAt);
      expect(verified).toMatchObject({ ok: false, status: 401, code: 'SIGNATURE_INVALID' });
    });

    it('is 401 EVENT_STALE when triggeredAt is older than 5 minutes', () => {
      const now = new Date(sentAt.getTime() + 5 * 60_000 + 1);
      const verified = verifyDelivery('lever', SECRET, { headers: {}, rawBody: signed }, now);
      expect(verified).toMatchObject({ ok: false, status: 401, code: 'EVENT_STALE' });
    });
  });

  describe('lever-candidateStageChange.json (not strict JSON as published)', () => {
    const raw = fixture('lever-candidateStageChange.json');
    const { token, triggeredAt } = extract(raw);
    const sentAt = new Date(Number(triggeredAt));

    // The signature lives inside the body, so a body that does not parse is refused before
    // any signature check: 400, even with a correct signature, never a throw.
    it('is 400 MALFORMED_BODY even when correctly signed', () => {
      const signed = withSignature(raw, leverSignature(token, triggeredAt));
      const verified = verifyDelivery('lever', SECRET, { headers: {}, rawBody: signed }, sentAt);
      expect(verified).toMatchObject({ ok: false, status: 400, code: 'MALFORMED_BODY' });
    });

    it('is 400 MALFORMED_BODY as published', () => {
      const verified = verifyDelivery('lever', SECRET, { headers: {}, rawBody: raw }, sentAt);
      expect(verified).toMatchObject({ ok: false, status: 400, code: 'MALFORMED_BODY' });
    });
  });
});
