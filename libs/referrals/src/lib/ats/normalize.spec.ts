import { createHmac } from 'node:crypto';
import { normalizeEvent, stagePhase } from './normalize';
import { verifyDelivery } from './verify';

// Ashby has no vendor fixtures: these bodies are built from the INTEGRATIONS.md field list
// (data.application: id, status, candidate {id, name, primaryEmailAddress}, job {id, title,
// departmentId}, creditedToUser, currentInterviewStage, source; candidateHire adds
// data.offer.latestVersion.startDate) and Ashby's webhook reference for merge/delete.
const ashbyUser = {
  id: 'user-7d2f',
  firstName: 'Ada',
  lastName: 'Lacey',
  email: '  Ada.Lacey@Example.COM ',
  globalRole: 'Interviewer',
  isEnabled: true,
  updatedAt: '2025-12-01T10:00:00.000Z',
};

function ashbyApplication(overrides: Record<string, unknown> = {}) {
  return {
    id: 'app-91c3',
    createdAt: '2026-01-10T09:30:00.000Z',
    updatedAt: '2026-01-14T09:30:00.000Z',
    status: 'Active',
    candidate: {
      id: 'cand-55ab',
      name: 'Grace Hopper',
      primaryEmailAddress: { value: 'Grace@Navy.example ', type: 'Personal', isPrimary: true },
    },
    job: { id: 'job-12', title: 'Compiler Engineer', departmentId: 'dept-3' },
    creditedToUser: ashbyUser,
    currentInterviewStage: {
      id: 'stage-1',
      title: 'Application Review',
      type: 'PreInterviewScreen',
    },
    source: { id: 'src-1', title: 'Referral' },
    ...overrides,
  };
}

describe('normalizeEvent — Ashby (hand-built bodies)', () => {
  it('candidateHire: start date from offer.latestVersion, referrer from creditedToUser', () => {
    const body = {
      webhookActionId: 'wa-1',
      action: 'candidateHire',
      data: {
        application: ashbyApplication({ status: 'Hired' }),
        offer: {
          id: 'offer-1',
          applicationId: 'app-91c3',
          acceptanceStatus: 'Accepted',
          latestVersion: { id: 'ov-2', startDate: '2026-03-02T00:00:00.000Z' },
        },
      },
    };
    expect(normalizeEvent('ashby', body)).toEqual({
      eventType: 'candidateHire',
      ignored: null,
      events: [
        {
          kind: 'hired',
          applicationId: 'app-91c3',
          candidateId: 'cand-55ab',
          atsJobId: 'job-12',
          startDate: '2026-03-02',
          candidate: { name: 'Grace Hopper', emails: ['grace@navy.example'] },
          creditedTo: {
            externalId: 'user-7d2f',
            email: 'ada.lacey@example.com',
            name: 'Ada Lacey',
          },
        },
      ],
    });
  });

  it('candidateHire without an offer has a null start date', () => {
    const body = { action: 'candidateHire', data: { application: ashbyApplication() } };
    expect(normalizeEvent('ashby', body).events[0]).toMatchObject({
      kind: 'hired',
      startDate: null,
    });
  });

  it('applicationSubmit: application_created with the credited user', () => {
    const body = { action: 'applicationSubmit', data: { application: ashbyApplication() } };
    expect(normalizeEvent('ashby', body)).toEqual({
      eventType: 'applicationSubmit',
      ignored: null,
      events: [
        {
          kind: 'application_created',
          applicationId: 'app-91c3',
          candidateId: 'cand-55ab',
          atsJobId: 'job-12',
          candidate: { name: 'Grace Hopper', emails: ['grace@navy.example'] },
          creditedTo: {
            externalId: 'user-7d2f',
            email: 'ada.lacey@example.com',
            name: 'Ada Lacey',
          },
          appliedAt: '2026-01-10T09:30:00.000Z',
        },
      ],
    });
  });

  it('applicationSubmit without a referrer has creditedTo null', () => {
    const body = {
      action: 'applicationSubmit',
      data: { application: ashbyApplication({ creditedToUser: null }) },
    };
    expect(normalizeEvent('ashby', body).events[0]).toMatchObject({ creditedTo: null });
  });

  it('candidateMerge: deletedCandidate → mergedCandidate', () => {
    const body = {
      action: 'candidateMerge',
      data: { deletedCandidate: { id: 'cand-old' }, mergedCandidate: { id: 'cand-new' } },
    };
    expect(normalizeEvent('ashby', body)).toEqual({
      eventType: 'candidateMerge',
      ignored: null,
      events: [
        { kind: 'candidate_merged', fromCandidateIds: ['cand-old'], toCandidateId: 'cand-new' },
      ],
    });
  });

  it('candidateDelete: candidate id', () => {
    const body = { action: 'candidateDelete', data: { candidate: { id: 'cand-gone' } } };
    expect(normalizeEvent('ashby', body).events).toEqual([
      { kind: 'candidate_deleted', candidateId: 'cand-gone', applicationIds: [] },
    ]);
  });

  it('ping is ignored', () => {
    const body = { action: 'ping', data: { webhookActionType: 'ping' } };
    expect(normalizeEvent('ashby', body)).toEqual({
      events: [],
      ignored: 'Ashby ping',
      eventType: 'ping',
    });
  });

  it('candidateStageChange maps the stage title, falling back to the stage type', () => {
    const stage = (currentInterviewStage: unknown) =>
      normalizeEvent('ashby', {
        action: 'candidateStageChange',
        data: { application: ashbyApplication({ currentInterviewStage }) },
      }).events[0];
    expect(stage({ id: 's', title: 'Onsite Loop', type: 'Active' })).toEqual({
      kind: 'stage_changed',
      applicationId: 'app-91c3',
      candidateId: 'cand-55ab',
      stage: 'Onsite Loop',
      phase: 'interviewing',
    });
    expect(stage({ id: 's', title: 'Bar Raiser', type: 'Offer' })).toMatchObject({
      phase: 'offer',
    });
    expect(stage({ id: 's', title: 'Custom', type: 'Unknown' })).toMatchObject({ phase: null });
  });

  it('an Archived application is a rejection with the archive reason', () => {
    const body = {
      action: 'applicationUpdate',
      data: {
        application: ashbyApplication({
          status: 'Archived',
          archiveReason: { id: 'r', text: 'Withdrew' },
        }),
      },
    };
    expect(normalizeEvent('ashby', body).events).toEqual([
      { kind: 'rejected', applicationId: 'app-91c3', candidateId: 'cand-55ab', reason: 'Withdrew' },
    ]);
  });

  it('a signed Ashby body goes through verify → normalize', () => {
    const body = {
      webhookActionId: 'wa-9',
      action: 'applicationSubmit',
      data: { application: ashbyApplication() },
    };
    const raw = Buffer.from(JSON.stringify(body), 'utf8');
    const signature = `sha256=${createHmac('sha256', 's3cret').update(raw).digest('hex')}`;
    const verified = verifyDelivery(
      'ashby',
      's3cret',
      { headers: { 'Ashby-Signature': signature }, rawBody: raw },
      new Date(),
    );
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.eventId).toBe('wa-9');
    expect(normalizeEvent('ashby', verified.body).events[0]).toMatchObject({
      kind: 'application_created',
      applicationId: 'app-91c3',
    });
  });
});

describe('normalizeEvent — Lever', () => {
  it('candidateStageChange: ids only, stage is the stage id, phase unknown', () => {
    const body = {
      event: 'candidateStageChange',
      data: {
        opportunityId: '3410c8b9',
        candidateId: 'daeaa038',
        contactId: '05c248f9',
        toStageId: '7c2690d8',
        fromStageId: '992f01a9',
      },
    };
    expect(normalizeEvent('lever', body)).toEqual({
      eventType: 'candidateStageChange',
      ignored: null,
      events: [
        {
          kind: 'stage_changed',
          applicationId: '3410c8b9',
          candidateId: 'daeaa038',
          stage: '7c2690d8',
          phase: null,
        },
      ],
    });
  });

  it('candidateHired with ids is a hire without e-mail or start date', () => {
    const body = { event: 'candidateHired', data: { opportunityId: 'opp', candidateId: 'cand' } };
    expect(normalizeEvent('lever', body).events).toEqual([
      {
        kind: 'hired',
        applicationId: 'opp',
        candidateId: 'cand',
        atsJobId: null,
        startDate: null,
        candidate: { name: null, emails: [] },
        creditedTo: null,
      },
    ]);
  });

  it('applicationCreated and candidateDeleted', () => {
    expect(
      normalizeEvent('lever', {
        event: 'applicationCreated',
        data: { opportunityId: 'opp', candidateId: 'cand', postingId: 'post-1' },
      }).events,
    ).toEqual([
      {
        kind: 'application_created',
        applicationId: 'opp',
        candidateId: 'cand',
        atsJobId: 'post-1',
        candidate: { name: null, emails: [] },
        creditedTo: null,
        appliedAt: null,
      },
    ]);
    expect(
      normalizeEvent('lever', {
        event: 'candidateDeleted',
        data: { candidateId: 'cand', opportunityId: 'opp' },
      }).events,
    ).toEqual([{ kind: 'candidate_deleted', candidateId: 'cand', applicationIds: ['opp'] }]);
  });

  it('candidateArchiveChange is ignored with a reason', () => {
    const result = normalizeEvent('lever', {
      event: 'candidateArchiveChange',
      data: { opportunityId: 'o' },
    });
    expect(result.events).toEqual([]);
    expect(result.ignored).toMatch(/archive/i);
  });
});

describe('normalizeEvent — defensive narrowing', () => {
  it.each([null, 42, 'text', [], {}, { action: 7 }, { event: null }])(
    'ignores a body without an event type (%p) for every provider',
    (body) => {
      for (const provider of ['greenhouse', 'lever', 'ashby'] as const) {
        expect(normalizeEvent(provider, body)).toEqual({
          events: [],
          ignored: expect.any(String),
          eventType: '',
        });
      }
    },
  );

  it.each(['ping', 'job_post_created', 'offer_updated', 'interview_deleted', 'prospect_created'])(
    'ignores the Greenhouse event %s',
    (action) => {
      expect(normalizeEvent('greenhouse', { action, payload: {} })).toEqual({
        events: [],
        ignored: expect.stringContaining(action),
        eventType: action,
      });
    },
  );

  it('ignores known Greenhouse events whose ids are missing or of the wrong type', () => {
    for (const action of [
      'new_candidate_application',
      'hire_candidate',
      'merge_candidate',
      'delete_application',
    ]) {
      const result = normalizeEvent('greenhouse', {
        action,
        payload: {
          application: { id: { nested: true }, candidate: { id: 1.5 } },
          person: { id: 1e21 },
        },
      });
      expect(result.events).toEqual([]);
      expect(result.ignored).not.toBeNull();
    }
  });

  it('lower-cases, trims and de-duplicates e-mails; skips non-string entries', () => {
    const result = normalizeEvent('greenhouse', {
      action: 'new_candidate_application',
      payload: {
        application: {
          id: 1,
          candidate: {
            id: 2,
            first_name: ' Ana ',
            last_name: null,
            email_addresses: [
              { value: ' Ana@Example.com ' },
              { value: 'ana@example.com' },
              { value: 42 },
              'junk',
              { value: '' },
            ],
          },
          credited_to: { id: null, email: null, name: null },
        },
      },
    });
    expect(result.events).toEqual([
      {
        kind: 'application_created',
        applicationId: '1',
        candidateId: '2',
        atsJobId: null,
        candidate: { name: 'Ana', emails: ['ana@example.com'] },
        creditedTo: null,
        appliedAt: null,
      },
    ]);
  });

  it('keeps only real YYYY-MM-DD start dates', () => {
    const hire = (starts_at: unknown) =>
      normalizeEvent('greenhouse', {
        action: 'hire_candidate',
        payload: { application: { id: 1, offer: { starts_at } } },
      }).events[0];
    expect(hire('2026-02-28')).toMatchObject({ startDate: '2026-02-28' });
    expect(hire('2026-02-30')).toMatchObject({ startDate: null });
    expect(hire('04/15/2013')).toMatchObject({ startDate: null });
    expect(hire(20260228)).toMatchObject({ startDate: null });
    expect(hire(undefined)).toMatchObject({ startDate: null });
  });

  it('maps unreject_candidate to the current stage and job_deleted to a closed job', () => {
    expect(
      normalizeEvent('greenhouse', {
        action: 'unreject_candidate',
        payload: {
          application: { id: 5, candidate: { id: 6 }, current_stage: { name: 'Phone Screen' } },
        },
      }).events,
    ).toEqual([
      {
        kind: 'stage_changed',
        applicationId: '5',
        candidateId: '6',
        stage: 'Phone Screen',
        phase: 'interviewing',
      },
    ]);
    expect(
      normalizeEvent('greenhouse', {
        action: 'job_deleted',
        payload: { job: { id: 9, name: 'Designer', status: 'open', departments: [], offices: [] } },
      }).events,
    ).toEqual([
      {
        kind: 'job_upserted',
        atsJobId: '9',
        title: 'Designer',
        department: null,
        location: null,
        open: false,
      },
    ]);
  });
});

describe('stagePhase', () => {
  it.each([
    ['Application Review', 'in_review'],
    ['Resume Review', 'in_review'],
    ['Hiring Manager Review', 'in_review'],
    ['New', 'in_review'],
    ['Preliminary Phone Screen', 'interviewing'],
    ['Recruiter Screen', 'interviewing'],
    ['Face to Face Interview', 'interviewing'],
    ['Onsite', 'interviewing'],
    ['On-site', 'interviewing'],
    ['Take Home Test', 'interviewing'],
    ['Assessment', 'interviewing'],
    ['Reference Check', 'interviewing'],
    ['Offer', 'offer'],
    ['Offer Review', 'offer'],
    ['Hired', null],
    ['Sourced', null],
    ['Newcomer Event', null],
  ])('%s → %s', (name, phase) => {
    expect(stagePhase(name)).toBe(phase);
  });

  it('null stays null', () => {
    expect(stagePhase(null)).toBeNull();
  });
});
