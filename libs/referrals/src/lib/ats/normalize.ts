import { arr, email, id, isObject, path, prop, str } from './guards';
import type { AtsProvider } from './verify';

// Maps a verified webhook body to provider-neutral events (INTEGRATIONS.md field lists). Input is
// `unknown` and every field is narrowed defensively: a missing or oddly typed field becomes null
// (or the event is ignored with a reason), never a throw. Ids are strings (Greenhouse sends
// numbers), e-mails are trimmed, NFC-normalized and lower-cased.
//
// An event that is unknown, irrelevant, or lacks the ids needed to act on it yields
// `events: []` with `ignored` saying why; the caller records it and moves on.

export interface CreditedTo {
  externalId: string | null;
  email: string | null;
  name: string | null;
}

export type StagePhase = 'in_review' | 'interviewing' | 'offer';

export type NormalizedAtsEvent =
  | {
      kind: 'application_created';
      applicationId: string;
      candidateId: string;
      atsJobId: string | null;
      candidate: { name: string | null; emails: string[] };
      creditedTo: CreditedTo | null;
      appliedAt: string | null;
    }
  | {
      kind: 'stage_changed';
      applicationId: string | null;
      candidateId: string | null;
      stage: string | null;
      phase: StagePhase | null;
    }
  | {
      kind: 'hired';
      applicationId: string | null;
      candidateId: string | null;
      atsJobId: string | null;
      startDate: string | null /* YYYY-MM-DD */;
      candidate: { name: string | null; emails: string[] };
      creditedTo: CreditedTo | null;
    }
  | { kind: 'unhired'; applicationId: string | null; candidateId: string | null }
  | {
      kind: 'rejected';
      applicationId: string | null;
      candidateId: string | null;
      reason: string | null;
    }
  | { kind: 'candidate_merged'; fromCandidateIds: string[]; toCandidateId: string }
  | { kind: 'candidate_deleted'; candidateId: string | null; applicationIds: string[] }
  | { kind: 'candidate_anonymized'; candidateId: string }
  | { kind: 'application_deleted'; applicationId: string }
  | {
      kind: 'job_upserted';
      atsJobId: string;
      title: string;
      department: string | null;
      location: string | null;
      open: boolean;
    };

export interface NormalizeResult {
  events: NormalizedAtsEvent[];
  ignored: string | null;
  eventType: string;
}

export function normalizeEvent(provider: AtsProvider, body: unknown): NormalizeResult {
  switch (provider) {
    case 'greenhouse':
      return normalizeGreenhouse(body);
    case 'lever':
      return normalizeLever(body);
    case 'ashby':
      return normalizeAshby(body);
  }
}

// --- stage → phase ---------------------------------------------------------------------------

// Stage names are free text configured per organization, so the phase is a best-effort reading
// of the name, case-insensitive, first rule that matches wins:
//   1. contains "offer"                                                     → offer
//   2. contains interview, onsite / on-site, phone, screen, call, assessment,
//      take-home / take home, technical, panel, challenge, reference         → interviewing
//   3. contains "review" (Application Review, Resume Review, Hiring Manager
//      Review), or is "new", "applied", "application", "lead"              → in_review
//   anything else (e.g. "Hired", a custom name)                             → null (unknown)
// Ashby stages also carry a `type`; it is used only when the title says nothing
// (PreInterviewScreen → in_review, Active → interviewing, Offer → offer).
// Lever stage events carry stage ids, not names, so their phase is always null.
const OFFER = /\boffers?\b/i;
const INTERVIEWING =
  /interview|on-?site|\bphone\b|screen|\bcall\b|assessment|take[- ]?home|technical|\bpanel\b|challenge|reference/i;
const IN_REVIEW = /\breview\b|^(new|applied|application|lead)$/i;

export function stagePhase(stageName: string | null): StagePhase | null {
  if (stageName === null) return null;
  const name = stageName.trim();
  if (OFFER.test(name)) return 'offer';
  if (INTERVIEWING.test(name)) return 'interviewing';
  if (IN_REVIEW.test(name)) return 'in_review';
  return null;
}

const ASHBY_STAGE_TYPES: Readonly<Record<string, StagePhase>> = {
  PreInterviewScreen: 'in_review',
  Active: 'interviewing',
  Offer: 'offer',
};

// --- shared helpers --------------------------------------------------------------------------

function result(eventType: string, events: NormalizedAtsEvent[]): NormalizeResult {
  return { events, ignored: null, eventType };
}

function ignore(eventType: string, reason: string): NormalizeResult {
  return { events: [], ignored: reason, eventType };
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function ids(values: unknown): string[] {
  return unique(
    arr(values)
      .map(id)
      .filter((v): v is string => v !== null),
  );
}

function fullName(first: unknown, last: unknown): string | null {
  const name = [str(first), str(last)].filter((p): p is string => p !== null).join(' ');
  return name === '' ? null : name;
}

// A calendar date: the first 10 characters of an ISO date or date-time, validated as a real date.
// Anything else (e.g. Greenhouse's "04/15/2013" in offer payloads) is null, not a guess.
function isoDate(value: unknown): string | null {
  const s = str(value);
  const match = s === null ? null : /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(s);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

function creditedTo(externalId: unknown, mail: unknown, name: string | null): CreditedTo | null {
  const credit = { externalId: id(externalId), email: email(mail), name };
  return credit.externalId === null && credit.email === null && credit.name === null
    ? null
    : credit;
}

// --- Greenhouse ------------------------------------------------------------------------------

// `payload.application` of application, stage, hire, unhire and reject events.
function greenhouseApplication(application: unknown) {
  const candidate = prop(application, 'candidate');
  const credit = prop(application, 'credited_to');
  // hire_candidate carries a single `job`; the other events only `jobs[]`.
  const job = isObject(prop(application, 'job'))
    ? prop(application, 'job')
    : arr(prop(application, 'jobs'))[0];
  return {
    applicationId: id(prop(application, 'id')),
    candidateId: id(prop(candidate, 'id')),
    atsJobId: id(prop(job, 'id')),
    candidate: {
      name: fullName(prop(candidate, 'first_name'), prop(candidate, 'last_name')),
      emails: unique(
        arr(prop(candidate, 'email_addresses'))
          .map((entry) => email(prop(entry, 'value')))
          .filter((v): v is string => v !== null),
      ),
    },
    // `id` is the Greenhouse user id of the person credited ("who gets credit"); the HRIS
    // `employee_id` is not part of CreditedTo.
    creditedTo: isObject(credit)
      ? creditedTo(prop(credit, 'id'), prop(credit, 'email'), str(prop(credit, 'name')))
      : null,
    stage: str(path(application, 'current_stage', 'name')),
    appliedAt: str(prop(application, 'applied_at')),
  };
}

function normalizeGreenhouse(body: unknown): NormalizeResult {
  const action = str(prop(body, 'action'));
  if (action === null) return ignore('', 'Greenhouse body has no action');
  const payload = prop(body, 'payload');
  const application = prop(payload, 'application');
  const app = greenhouseApplication(application);
  const needsApplication = (build: () => NormalizedAtsEvent): NormalizeResult =>
    app.applicationId === null && app.candidateId === null
      ? ignore(action, `${action} without application or candidate id`)
      : result(action, [build()]);

  switch (action) {
    case 'new_candidate_application': {
      if (app.applicationId === null || app.candidateId === null) {
        return ignore(action, `${action} without application or candidate id`);
      }
      const { applicationId, candidateId } = app;
      return result(action, [
        {
          kind: 'application_created',
          applicationId,
          candidateId,
          atsJobId: app.atsJobId,
          candidate: app.candidate,
          creditedTo: app.creditedTo,
          appliedAt: app.appliedAt,
        },
      ]);
    }
    // application_updated fires for any change to an application; the state it reports is the
    // current stage. unreject_candidate puts the application back into that stage.
    case 'application_updated':
    case 'candidate_stage_change':
    case 'unreject_candidate':
      return needsApplication(() => ({
        kind: 'stage_changed',
        applicationId: app.applicationId,
        candidateId: app.candidateId,
        stage: app.stage,
        phase: stagePhase(app.stage),
      }));
    case 'hire_candidate':
      return needsApplication(() => ({
        kind: 'hired',
        applicationId: app.applicationId,
        candidateId: app.candidateId,
        atsJobId: app.atsJobId,
        startDate: isoDate(path(application, 'offer', 'starts_at')),
        candidate: app.candidate,
        creditedTo: app.creditedTo,
      }));
    case 'unhire_candidate':
      return needsApplication(() => ({
        kind: 'unhired',
        applicationId: app.applicationId,
        candidateId: app.candidateId,
      }));
    case 'reject_candidate':
      return needsApplication(() => ({
        kind: 'rejected',
        applicationId: app.applicationId,
        candidateId: app.candidateId,
        reason: str(path(application, 'rejection_reason', 'name')),
      }));
    // An offer being created means the application reached the offer phase. The payload has the
    // application id but no candidate id and no stage name. offer_updated is not mapped: its
    // status may be anything (accepted, rejected, deprecated); hire/reject events carry the outcome.
    case 'offer_created': {
      const applicationId = id(prop(payload, 'application_id'));
      if (applicationId === null) return ignore(action, 'offer_created without application_id');
      return result(action, [
        { kind: 'stage_changed', applicationId, candidateId: null, stage: null, phase: 'offer' },
      ]);
    }
    case 'delete_application': {
      const applicationId = id(prop(application, 'id'));
      if (applicationId === null) return ignore(action, 'delete_application without id');
      return result(action, [{ kind: 'application_deleted', applicationId }]);
    }
    case 'delete_candidate': {
      const person = prop(payload, 'person');
      const candidateId = id(prop(person, 'id'));
      const applicationIds = ids(prop(person, 'deleted_application_ids'));
      if (candidateId === null && applicationIds.length === 0) {
        return ignore(action, 'delete_candidate without candidate or application ids');
      }
      return result(action, [{ kind: 'candidate_deleted', candidateId, applicationIds }]);
    }
    case 'merge_candidate': {
      const person = prop(payload, 'person');
      const from = id(prop(person, 'id'));
      const to = id(prop(person, 'new_candidate_id'));
      if (from === null || to === null) {
        return ignore(action, 'merge_candidate without person id or new_candidate_id');
      }
      return result(action, [
        { kind: 'candidate_merged', fromCandidateIds: [from], toCandidateId: to },
      ]);
    }
    case 'candidate_anonymized': {
      const candidateId = id(prop(payload, 'candidate_id'));
      if (candidateId === null) return ignore(action, 'candidate_anonymized without candidate_id');
      return result(action, [{ kind: 'candidate_anonymized', candidateId }]);
    }
    // A deleted job can no longer receive referrals: it is reported as closed.
    case 'job_created':
    case 'job_updated':
    case 'job_deleted': {
      const job = prop(payload, 'job');
      const atsJobId = id(prop(job, 'id'));
      const title = str(prop(job, 'name'));
      if (atsJobId === null || title === null)
        return ignore(action, `${action} without job id or name`);
      const office = arr(prop(job, 'offices'))[0];
      return result(action, [
        {
          kind: 'job_upserted',
          atsJobId,
          title,
          department: str(prop(arr(prop(job, 'departments'))[0], 'name')),
          location: str(prop(office, 'location')) ?? str(prop(office, 'name')),
          open: action !== 'job_deleted' && str(prop(job, 'status')) === 'open',
        },
      ]);
    }
    default:
      return ignore(action, `Greenhouse event ${action} is not used by Peerline`);
  }
}

// --- Lever -----------------------------------------------------------------------------------

// Lever webhooks carry ids only (no names, no e-mails). `opportunityId` is Lever's application
// equivalent and becomes applicationId; `candidateId` is taken as sent (`contactId`, the person
// across opportunities, is not used).
function normalizeLever(body: unknown): NormalizeResult {
  const event = str(prop(body, 'event'));
  if (event === null) return ignore('', 'Lever body has no event');
  const data = prop(body, 'data');
  const applicationId = id(prop(data, 'opportunityId'));
  const candidateId = id(prop(data, 'candidateId'));
  const noIds = applicationId === null && candidateId === null;

  switch (event) {
    case 'applicationCreated':
      if (applicationId === null || candidateId === null) {
        return ignore(event, 'applicationCreated without opportunityId or candidateId');
      }
      return result(event, [
        {
          kind: 'application_created',
          applicationId,
          candidateId,
          atsJobId: id(prop(data, 'postingId')),
          candidate: { name: null, emails: [] },
          creditedTo: null,
          appliedAt: null,
        },
      ]);
    // The stage is Lever's stage id (`toStageId`): names need a lookup, so the phase is unknown.
    case 'candidateStageChange':
      if (noIds) return ignore(event, 'candidateStageChange without opportunityId or candidateId');
      return result(event, [
        {
          kind: 'stage_changed',
          applicationId,
          candidateId,
          stage: id(prop(data, 'toStageId')),
          phase: null,
        },
      ]);
    // Lever's documented test request is a candidateHired with empty `data`: ignored, so a
    // "test webhook" click never counts as a hire.
    case 'candidateHired':
      if (noIds) return ignore(event, 'candidateHired without opportunityId or candidateId');
      return result(event, [
        {
          kind: 'hired',
          applicationId,
          candidateId,
          atsJobId: id(prop(data, 'postingId')),
          startDate: null,
          candidate: { name: null, emails: [] },
          creditedTo: null,
        },
      ]);
    case 'candidateDeleted': {
      if (noIds) return ignore(event, 'candidateDeleted without opportunityId or candidateId');
      return result(event, [
        {
          kind: 'candidate_deleted',
          candidateId,
          applicationIds: applicationId === null ? [] : [applicationId],
        },
      ]);
    }
    // Archiving in Lever covers rejection, withdrawal AND hire (archive reason "Hired"); the
    // reason is an id that needs a lookup. Mapping it to `rejected` could undo a hire.
    case 'candidateArchiveChange':
      return ignore(event, 'Lever archive changes need an archive-reason lookup; not mapped');
    default:
      return ignore(event, `Lever event ${event} is not used by Peerline`);
  }
}

// --- Ashby -----------------------------------------------------------------------------------

function ashbyApplication(application: unknown) {
  const candidate = prop(application, 'candidate');
  const user = prop(application, 'creditedToUser');
  const stage = prop(application, 'currentInterviewStage');
  const stageTitle = str(prop(stage, 'title'));
  const stageType = str(prop(stage, 'type'));
  const primaryEmail = email(path(candidate, 'primaryEmailAddress', 'value'));
  return {
    applicationId: id(prop(application, 'id')),
    candidateId: id(prop(candidate, 'id')),
    atsJobId: id(path(application, 'job', 'id')),
    candidate: {
      name: str(prop(candidate, 'name')),
      emails: primaryEmail === null ? [] : [primaryEmail],
    },
    // creditedToUser is an Ashby user (user.info): id, firstName, lastName, email.
    creditedTo: isObject(user)
      ? creditedTo(
          prop(user, 'id'),
          prop(user, 'email'),
          fullName(prop(user, 'firstName'), prop(user, 'lastName')),
        )
      : null,
    stage: stageTitle,
    phase:
      stagePhase(stageTitle) ??
      (stageType === null ? null : (ASHBY_STAGE_TYPES[stageType] ?? null)),
    status: str(prop(application, 'status')),
    archiveReason: str(path(application, 'archiveReason', 'text')),
    createdAt: str(prop(application, 'createdAt')),
  };
}

function normalizeAshby(body: unknown): NormalizeResult {
  const action = str(prop(body, 'action'));
  if (action === null) return ignore('', 'Ashby body has no action');
  const data = prop(body, 'data');
  const app = ashbyApplication(prop(data, 'application'));
  const noIds = app.applicationId === null && app.candidateId === null;

  switch (action) {
    case 'applicationSubmit':
      if (app.applicationId === null || app.candidateId === null) {
        return ignore(action, 'applicationSubmit without application or candidate id');
      }
      return result(action, [
        {
          kind: 'application_created',
          applicationId: app.applicationId,
          candidateId: app.candidateId,
          atsJobId: app.atsJobId,
          candidate: app.candidate,
          creditedTo: app.creditedTo,
          appliedAt: app.createdAt,
        },
      ]);
    // Both carry the whole application. An application whose status is Archived has been
    // rejected or withdrawn (Ashby hires have status Hired, not Archived).
    case 'applicationUpdate':
    case 'candidateStageChange':
      if (noIds) return ignore(action, `${action} without application or candidate id`);
      if (app.status === 'Archived') {
        return result(action, [
          {
            kind: 'rejected',
            applicationId: app.applicationId,
            candidateId: app.candidateId,
            reason: app.archiveReason,
          },
        ]);
      }
      return result(action, [
        {
          kind: 'stage_changed',
          applicationId: app.applicationId,
          candidateId: app.candidateId,
          stage: app.stage,
          phase: app.phase,
        },
      ]);
    case 'candidateHire':
      if (noIds) return ignore(action, 'candidateHire without application or candidate id');
      return result(action, [
        {
          kind: 'hired',
          applicationId: app.applicationId,
          candidateId: app.candidateId,
          atsJobId: app.atsJobId,
          startDate: isoDate(path(data, 'offer', 'latestVersion', 'startDate')),
          candidate: app.candidate,
          creditedTo: app.creditedTo,
        },
      ]);
    case 'candidateMerge': {
      const from = id(path(data, 'deletedCandidate', 'id'));
      const to = id(path(data, 'mergedCandidate', 'id'));
      if (from === null || to === null) {
        return ignore(action, 'candidateMerge without deletedCandidate or mergedCandidate id');
      }
      return result(action, [
        { kind: 'candidate_merged', fromCandidateIds: [from], toCandidateId: to },
      ]);
    }
    case 'candidateDelete': {
      const candidateId = id(path(data, 'candidate', 'id'));
      if (candidateId === null) return ignore(action, 'candidateDelete without candidate id');
      return result(action, [{ kind: 'candidate_deleted', candidateId, applicationIds: [] }]);
    }
    // Ashby jobs carry only a departmentId/locationId (ids, not names).
    case 'jobCreate':
    case 'jobUpdate': {
      const job = prop(data, 'job');
      const atsJobId = id(prop(job, 'id'));
      const title = str(prop(job, 'title'));
      if (atsJobId === null || title === null)
        return ignore(action, `${action} without job id or title`);
      return result(action, [
        {
          kind: 'job_upserted',
          atsJobId,
          title,
          department: null,
          location: null,
          open: str(prop(job, 'status')) === 'Open',
        },
      ]);
    }
    case 'ping':
      return ignore(action, 'Ashby ping');
    default:
      return ignore(action, `Ashby event ${action} is not used by Peerline`);
  }
}
