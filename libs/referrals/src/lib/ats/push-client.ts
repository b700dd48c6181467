import { createHash } from 'node:crypto';
import { arr, id, prop, str } from './guards';

// Outbound push of a consented referral to the ATS (INTEGRATIONS.md "Pushing a consented referral").
//
// - Greenhouse Candidate Ingestion API: POST {baseUrl}/v1/partner/candidates, Basic auth with the
//   partner API key as user name and an empty password, header On-Behalf-Of (e-mail of the
//   Greenhouse user acting), body: first_name, last_name, external_id (required by the API),
//   prospect=false + job_id (a candidate on the job), emails[], websites[], notes and
//   referrer {email, first_name, last_name}, which fills "Who Gets Credit".
//   Response: { id (candidate), application_id, external_id, profile_url }.
// - Ashby: POST {baseUrl}/referral.create, Basic auth (API key, empty password), body
//   { id: referral form id (from referralForm.info), creditedToUserId, fieldSubmissions[{path,value}] }.
//   The job field's value is { title, value: jobId }. Field paths belong to the organization's
//   referral form (referralForm.info); `_systemfield_name` is Ashby's documented system path, the
//   other defaults must be checked against the form and can be overridden. Ashby answers HTTP 200
//   with { success: false, errors } for a refused request; that is a permanent failure.
//
// Retries: network errors, 429 and 5xx are retried with exponential backoff and full jitter
// (honouring a Retry-After in seconds, capped); any other 4xx fails at once. The error names the
// provider and the HTTP status, never the API key or the request body (candidate PII).
// Note: neither API documents an idempotency key, so a retry after a timeout or 5xx whose first
// attempt did land can create a duplicate in the ATS; Greenhouse at least receives the same
// external_id each time.

export interface ReferralPush {
  candidate: { firstName: string; lastName: string; email: string; links: string[] };
  atsJobId: string;
  referrer: { email: string; firstName: string; lastName: string; atsUserId?: string | null };
  note: string;
  // Peerline's stable id for this referral, sent as Greenhouse's required `external_id`. When
  // absent a deterministic id is derived from the candidate e-mail and the job.
  externalId?: string;
  // Job title for Ashby's job field ({ title, value }); the job id is used when absent.
  jobTitle?: string;
}

export interface AtsPushResult {
  atsCandidateId: string | null;
  atsApplicationId: string | null;
}

export interface AtsPushClient {
  push(referral: ReferralPush): Promise<AtsPushResult>;
}

export type AtsPushProvider = 'greenhouse' | 'ashby';

export class AtsPushError extends Error {
  override readonly name = 'AtsPushError';

  constructor(
    message: string,
    readonly provider: AtsPushProvider,
    // HTTP status of the last attempt; null for network errors and refused input.
    readonly status: number | null,
    // Whether the failure is transient (network, 429, 5xx): the caller may try again later.
    readonly retryable: boolean,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface RetryOptions {
  fetch?: typeof fetch;
  // Retries after the first attempt (default 3).
  retries?: number;
  // Base delay of the exponential backoff (default 100 ms): attempt n waits a random time in
  // [base·2ⁿ/2, base·2ⁿ], at most maxBackoffMs.
  backoffMs?: number;
  maxBackoffMs?: number;
  // Per-attempt timeout (default 10 s).
  timeoutMs?: number;
}

export interface GreenhousePushOptions extends RetryOptions {
  baseUrl: string;
  apiKey: string;
  onBehalfOf: string;
}

export interface AshbyPushOptions extends RetryOptions {
  baseUrl: string;
  apiKey: string;
  // The referral form's id, from referralForm.info.
  referralFormId: string;
  fieldPaths?: Partial<AshbyFieldPaths>;
}

export interface AshbyFieldPaths {
  name: string;
  email: string;
  job: string;
  // Optional form fields; not submitted unless a path is configured.
  links?: string;
  note?: string;
}

export const DEFAULT_ASHBY_FIELD_PATHS: AshbyFieldPaths = {
  name: '_systemfield_name',
  email: '_systemfield_email',
  job: '_systemfield_job',
};

const DEFAULTS = { retries: 3, backoffMs: 100, maxBackoffMs: 5_000, timeoutMs: 10_000 };

export function greenhousePushClient(opts: GreenhousePushOptions): AtsPushClient {
  const http = httpClient('greenhouse', opts);
  const onBehalfOf = requireText(opts.onBehalfOf, 'onBehalfOf');
  const url = `${http.baseUrl}/v1/partner/candidates`;
  return {
    async push(referral) {
      const jobId = /^\d+$/.test(referral.atsJobId) ? Number(referral.atsJobId) : NaN;
      if (!Number.isSafeInteger(jobId)) {
        throw new AtsPushError('Greenhouse job ids are integers', 'greenhouse', null, false, 0);
      }
      const body = {
        prospect: false,
        job_id: jobId,
        first_name: referral.candidate.firstName,
        last_name: referral.candidate.lastName,
        external_id: referral.externalId ?? derivedExternalId(referral),
        emails: [{ email: referral.candidate.email, type: 'other' }],
        ...(referral.candidate.links.length > 0
          ? { websites: referral.candidate.links.map((link) => ({ url: link, type: 'other' })) }
          : {}),
        ...(referral.note.trim() !== '' ? { notes: referral.note } : {}),
        referrer: {
          email: referral.referrer.email,
          first_name: referral.referrer.firstName,
          last_name: referral.referrer.lastName,
        },
      };
      const { json: response } = await http.post(url, body, { 'On-Behalf-Of': onBehalfOf });
      // One object for one candidate; tolerate an array of one.
      const created = Array.isArray(response) ? arr(response)[0] : response;
      return {
        atsCandidateId: id(prop(created, 'id')),
        atsApplicationId: id(prop(created, 'application_id')),
      };
    },
  };
}

export function ashbyPushClient(opts: AshbyPushOptions): AtsPushClient {
  const http = httpClient('ashby', opts);
  const referralFormId = requireText(opts.referralFormId, 'referralFormId');
  const paths: AshbyFieldPaths = { ...DEFAULT_ASHBY_FIELD_PATHS, ...opts.fieldPaths };
  const url = `${http.baseUrl}/referral.create`;
  return {
    async push(referral) {
      const creditedToUserId = str(referral.referrer.atsUserId);
      if (creditedToUserId === null) {
        // Ashby requires the referring user's id; without it the credit would go to nobody.
        throw new AtsPushError('Referrer has no Ashby user id', 'ashby', null, false, 0);
      }
      const { candidate } = referral;
      const fieldSubmissions: { path: string; value: unknown }[] = [
        { path: paths.name, value: `${candidate.firstName} ${candidate.lastName}`.trim() },
        { path: paths.email, value: candidate.email },
        {
          path: paths.job,
          value: { title: referral.jobTitle ?? referral.atsJobId, value: referral.atsJobId },
        },
      ];
      if (paths.links !== undefined && candidate.links.length > 0) {
        fieldSubmissions.push({ path: paths.links, value: candidate.links.join('\n') });
      }
      if (paths.note !== undefined && referral.note.trim() !== '') {
        fieldSubmissions.push({ path: paths.note, value: referral.note });
      }
      const { json: response, attempts } = await http.post(url, {
        id: referralFormId,
        creditedToUserId,
        fieldSubmissions,
      });
      if (prop(response, 'success') !== true) {
        const codes = arr(prop(response, 'errors'))
          .map((e) => str(e))
          .filter((e): e is string => e !== null)
          .slice(0, 3)
          .map((e) => http.redact(e.slice(0, 120)));
        const detail = codes.length > 0 ? `: ${codes.join('; ')}` : '';
        throw new AtsPushError(
          `Ashby refused referral.create${detail}`,
          'ashby',
          200,
          false,
          attempts,
        );
      }
      const application = prop(response, 'results');
      return {
        atsCandidateId: id(prop(prop(application, 'candidate'), 'id')),
        atsApplicationId: id(prop(application, 'id')),
      };
    },
  };
}

// --- HTTP with retries -----------------------------------------------------------------------

const PROVIDER_NAMES: Readonly<Record<AtsPushProvider, string>> = {
  greenhouse: 'Greenhouse',
  ashby: 'Ashby',
};

function httpClient(
  provider: AtsPushProvider,
  opts: RetryOptions & { baseUrl: string; apiKey: string },
) {
  const apiKey = requireText(opts.apiKey, 'apiKey');
  const baseUrl = validBaseUrl(opts.baseUrl);
  const fetchImpl = opts.fetch ?? globalThis.fetch;
  const retries = nonNegativeInt(opts.retries ?? DEFAULTS.retries, 'retries');
  const backoffMs = nonNegative(opts.backoffMs ?? DEFAULTS.backoffMs, 'backoffMs');
  const maxBackoffMs = nonNegative(opts.maxBackoffMs ?? DEFAULTS.maxBackoffMs, 'maxBackoffMs');
  const timeoutMs = nonNegative(opts.timeoutMs ?? DEFAULTS.timeoutMs, 'timeoutMs');
  const authorization = `Basic ${Buffer.from(`${apiKey}:`, 'utf8').toString('base64')}`;
  const label = PROVIDER_NAMES[provider];

  // Belt and braces: nothing built here contains the key, but a message from elsewhere might.
  const redact = (text: string): string => text.split(apiKey).join('[redacted]');

  const delay = (attempt: number, retryAfterMs: number | null): number => {
    const exponential = Math.min(maxBackoffMs, backoffMs * 2 ** attempt);
    const jittered = exponential / 2 + Math.random() * (exponential / 2);
    return retryAfterMs === null
      ? jittered
      : Math.max(jittered, Math.min(retryAfterMs, maxBackoffMs));
  };

  async function post(
    url: string,
    body: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<{ json: unknown; attempts: number }> {
    const payload = JSON.stringify(body);
    for (let attempt = 0; ; attempt += 1) {
      const attempts = attempt + 1;
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: 'POST',
          headers: {
            Authorization: authorization,
            'Content-Type': 'application/json',
            Accept: 'application/json',
            ...extraHeaders,
          },
          body: payload,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error: unknown) {
        if (attempt < retries) {
          await sleep(delay(attempt, null));
          continue;
        }
        const reason = error instanceof Error ? redact(error.message) : 'unknown error';
        throw new AtsPushError(
          `${label} push failed after ${attempts} attempt(s): network error (${reason})`,
          provider,
          null,
          true,
          attempts,
        );
      }
      const text = await response.text().catch(() => '');
      if (response.ok) return { json: parseJson(text), attempts };
      const transient = response.status === 429 || response.status >= 500;
      if (transient && attempt < retries) {
        await sleep(delay(attempt, retryAfter(response.headers.get('retry-after'))));
        continue;
      }
      throw new AtsPushError(
        `${label} push failed: HTTP ${response.status} after ${attempts} attempt(s)`,
        provider,
        response.status,
        transient,
        attempts,
      );
    }
  }

  return { baseUrl, post, redact };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// Retry-After in whole seconds (the HTTP-date form is ignored).
function retryAfter(header: string | null): number | null {
  return header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) * 1000 : null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Greenhouse requires external_id ("the unique id of this candidate in your system"). Derived
// from the normalized e-mail and the job so a retried push sends the same value, hashed so the
// address itself is not exposed as an id.
function derivedExternalId(referral: ReferralPush): string {
  const key = `${referral.candidate.email.trim().toLowerCase()}|${referral.atsJobId}`;
  return `peerline-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

// --- option validation (configuration errors throw at construction) --------------------------

function requireText(value: unknown, name: string): string {
  const text = str(value);
  if (text === null) throw new TypeError(`${name} is required`);
  return text;
}

function validBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError('baseUrl is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('baseUrl must be http(s)');
  }
  // Credentials go in the Authorization header only; a URL with credentials ends up in logs.
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('baseUrl must not contain credentials');
  }
  return value.replace(/\/+$/, '');
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be >= 0`);
  return value;
}

function nonNegativeInt(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be an integer >= 0`);
  return value;
}
