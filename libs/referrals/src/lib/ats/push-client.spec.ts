import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AtsPushError,
  ashbyPushClient,
  greenhousePushClient,
  type ReferralPush,
} from './push-client';

// A real local HTTP server that records every request and answers from a script.
interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}
interface Scripted {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

let server: Server;
let baseUrl: string;
let recorded: Recorded[] = [];
let script: Scripted[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      recorded.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text === '' ? null : JSON.parse(text),
      });
      const next = script.shift() ?? { status: 500, body: { error: 'no scripted response' } };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(next.body === undefined ? '' : JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  recorded = [];
  script = [];
});

const API_KEY = 'gh-partner-key-SECRET-91f0';
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

const referral: ReferralPush = {
  candidate: {
    firstName: 'Grace',
    lastName: 'Hopper',
    email: 'grace@navy.example',
    links: ['https://linkedin.example/in/grace', 'https://github.example/grace'],
  },
  atsJobId: '274075',
  referrer: {
    email: 'ada@corp.example',
    firstName: 'Ada',
    lastName: 'Lacey',
    atsUserId: 'user-7d2f',
  },
  note: 'Worked together for 3 years on the compiler team.',
  externalId: 'ref_01HZX',
};

function expectNoSecret(error: unknown, key = API_KEY): void {
  const text = `${String(error)} ${JSON.stringify(error)} ${error instanceof Error ? (error.stack ?? '') : ''}`;
  expect(text).not.toContain(key);
  expect(text).not.toContain(Buffer.from(`${key}:`).toString('base64'));
}

async function caught(promise: Promise<unknown>): Promise<AtsPushError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof AtsPushError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('greenhousePushClient', () => {
  const client = (retries = 3) =>
    greenhousePushClient({
      baseUrl,
      apiKey: API_KEY,
      onBehalfOf: 'peerline-service@corp.example',
      retries,
      backoffMs: 1,
    });

  it('POSTs the candidate with the referrer to /v1/partner/candidates (Basic auth, On-Behalf-Of)', async () => {
    script.push({
      status: 200,
      body: {
        id: 17681532,
        application_id: 59724,
        external_id: 'ref_01HZX',
        profile_url: 'https://x',
      },
    });
    await expect(client().push(referral)).resolves.toEqual({
      atsCandidateId: '17681532',
      atsApplicationId: '59724',
    });
    expect(recorded).toHaveLength(1);
    const [request] = recorded;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/partner/candidates');
    expect(request.headers['authorization']).toBe(basic(API_KEY));
    expect(request.headers['on-behalf-of']).toBe('peerline-service@corp.example');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toEqual({
      prospect: false,
      job_id: 274075,
      first_name: 'Grace',
      last_name: 'Hopper',
      external_id: 'ref_01HZX',
      emails: [{ email: 'grace@navy.example', type: 'other' }],
      websites: [
        { url: 'https://linkedin.example/in/grace', type: 'other' },
        { url: 'https://github.example/grace', type: 'other' },
      ],
      notes: 'Worked together for 3 years on the compiler team.',
      referrer: { email: 'ada@corp.example', first_name: 'Ada', last_name: 'Lacey' },
    });
  });

  it('derives a stable external_id when none is given and omits empty links and note', async () => {
    script.push(
      { status: 200, body: { id: 1, application_id: 2 } },
      { status: 200, body: { id: 1, application_id: 2 } },
    );
    const bare: ReferralPush = {
      ...referral,
      externalId: undefined,
      note: '  ',
      candidate: { ...referral.candidate, links: [] },
    };
    await client().push(bare);
    await client().push(bare);
    const [first, second] = recorded.map((r) => r.body as Record<string, unknown>);
    expect(first['external_id']).toMatch(/^peerline-[0-9a-f]{32}$/);
    expect(second['external_id']).toBe(first['external_id']);
    expect(String(first['external_id'])).not.toContain('grace');
    expect(first).not.toHaveProperty('websites');
    expect(first).not.toHaveProperty('notes');
  });

  it('retries after a 503 and then succeeds', async () => {
    script.push(
      { status: 503, body: { message: 'unavailable' } },
      { status: 200, body: { id: 5, application_id: 6 } },
    );
    await expect(client().push(referral)).resolves.toEqual({
      atsCandidateId: '5',
      atsApplicationId: '6',
    });
    expect(recorded).toHaveLength(2);
    expect(recorded[1].body).toEqual(recorded[0].body);
  });

  it('retries a 429 (Retry-After: 0) and then succeeds', async () => {
    script.push(
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 201, body: { id: 5, application_id: 6 } },
    );
    await expect(client().push(referral)).resolves.toEqual({
      atsCandidateId: '5',
      atsApplicationId: '6',
    });
    expect(recorded).toHaveLength(2);
  });

  it('does not retry a 422 and names the status, never the API key', async () => {
    script.push({ status: 422, body: { errors: [{ message: `bad key ${API_KEY}` }] } });
    const error = await caught(client().push(referral));
    expect(recorded).toHaveLength(1);
    expect(error).toMatchObject({
      provider: 'greenhouse',
      status: 422,
      retryable: false,
      attempts: 1,
    });
    expect(error.message).toContain('422');
    expectNoSecret(error);
  });

  it('does not retry a 401 either', async () => {
    script.push({ status: 401 }, { status: 200, body: {} });
    const error = await caught(client().push(referral));
    expect(recorded).toHaveLength(1);
    expect(error.status).toBe(401);
  });

  it('gives up after the configured retries on persistent 5xx', async () => {
    script.push({ status: 500 }, { status: 502 }, { status: 503 }, { status: 200, body: {} });
    const error = await caught(client(2).push(referral));
    expect(recorded).toHaveLength(3);
    expect(error).toMatchObject({ status: 503, retryable: true, attempts: 3 });
    expect(error.message).toContain('503');
    expectNoSecret(error);
  });

  it('retries a network error, then succeeds', async () => {
    script.push({ status: 200, body: { id: 8, application_id: 9 } });
    let calls = 0;
    const flaky: typeof fetch = (input, init) => {
      calls += 1;
      if (calls === 1) return Promise.reject(new TypeError('fetch failed'));
      return fetch(input, init);
    };
    const result = await greenhousePushClient({
      baseUrl,
      apiKey: API_KEY,
      onBehalfOf: 'svc@corp.example',
      fetch: flaky,
      backoffMs: 1,
    }).push(referral);
    expect(result).toEqual({ atsCandidateId: '8', atsApplicationId: '9' });
    expect(calls).toBe(2);
    expect(recorded).toHaveLength(1);
  });

  it('reports a persistent network error without the key', async () => {
    const down: typeof fetch = () =>
      Promise.reject(new TypeError(`connect ECONNREFUSED ${API_KEY}`));
    const error = await caught(
      greenhousePushClient({
        baseUrl,
        apiKey: API_KEY,
        onBehalfOf: 'svc@corp.example',
        fetch: down,
        retries: 1,
        backoffMs: 1,
      }).push(referral),
    );
    expect(error).toMatchObject({ status: null, retryable: true, attempts: 2 });
    expectNoSecret(error);
  });

  it('refuses a non-numeric job id without sending anything', async () => {
    const error = await caught(client().push({ ...referral, atsJobId: 'job-abc' }));
    expect(error).toMatchObject({ status: null, retryable: false, attempts: 0 });
    expect(recorded).toHaveLength(0);
  });

  it('refuses configuration that would leak or cannot work', () => {
    const opts = { baseUrl, apiKey: API_KEY, onBehalfOf: 'svc@corp.example' };
    expect(() =>
      greenhousePushClient({ ...opts, baseUrl: `http://${API_KEY}:@127.0.0.1` }),
    ).toThrow('baseUrl must not contain credentials');
    expect(() => greenhousePushClient({ ...opts, apiKey: '' })).toThrow('apiKey is required');
    expect(() => greenhousePushClient({ ...opts, onBehalfOf: ' ' })).toThrow(
      'onBehalfOf is required',
    );
    expect(() => greenhousePushClient({ ...opts, retries: -1 })).toThrow(RangeError);
    expect(() => greenhousePushClient({ ...opts, baseUrl: 'ftp://x' })).toThrow(TypeError);
  });
});

describe('ashbyPushClient', () => {
  const ASHBY_KEY = 'ashby-key-SECRET-22aa';
  const client = (extra: Partial<Parameters<typeof ashbyPushClient>[0]> = {}) =>
    ashbyPushClient({
      baseUrl: `${baseUrl}/`,
      apiKey: ASHBY_KEY,
      referralFormId: 'form-0c1d',
      backoffMs: 1,
      ...extra,
    });

  it('POSTs /referral.create with creditedToUserId and fieldSubmissions', async () => {
    script.push({
      status: 200,
      body: {
        success: true,
        results: { id: 'app-91c3', candidate: { id: 'cand-55ab', name: 'Grace Hopper' } },
      },
    });
    await expect(
      client({ fieldPaths: { links: 'links-field', note: 'note-field' } }).push({
        ...referral,
        jobTitle: 'Compiler Engineer',
      }),
    ).resolves.toEqual({ atsCandidateId: 'cand-55ab', atsApplicationId: 'app-91c3' });
    expect(recorded).toHaveLength(1);
    const [request] = recorded;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/referral.create');
    expect(request.headers['authorization']).toBe(basic(ASHBY_KEY));
    expect(request.body).toEqual({
      id: 'form-0c1d',
      creditedToUserId: 'user-7d2f',
      fieldSubmissions: [
        { path: '_systemfield_name', value: 'Grace Hopper' },
        { path: '_systemfield_email', value: 'grace@navy.example' },
        { path: '_systemfield_job', value: { title: 'Compiler Engineer', value: '274075' } },
        {
          path: 'links-field',
          value: 'https://linkedin.example/in/grace\nhttps://github.example/grace',
        },
        { path: 'note-field', value: 'Worked together for 3 years on the compiler team.' },
      ],
    });
  });

  it('retries a 500, then succeeds', async () => {
    script.push(
      { status: 500 },
      { status: 200, body: { success: true, results: { id: 'a', candidate: { id: 'c' } } } },
    );
    await expect(client().push(referral)).resolves.toEqual({
      atsCandidateId: 'c',
      atsApplicationId: 'a',
    });
    expect(recorded).toHaveLength(2);
  });

  it('treats { success: false } as a permanent refusal (no retry)', async () => {
    script.push({
      status: 200,
      body: { success: false, errors: ['invalid_input', `echo ${ASHBY_KEY}`] },
    });
    const error = await caught(client().push(referral));
    expect(recorded).toHaveLength(1);
    expect(error).toMatchObject({ provider: 'ashby', retryable: false });
    expect(error.message).toContain('invalid_input');
    expectNoSecret(error, ASHBY_KEY);
  });

  it('does not retry a 400 and never shows the key', async () => {
    script.push({ status: 400 });
    const error = await caught(client().push(referral));
    expect(recorded).toHaveLength(1);
    expect(error.message).toContain('400');
    expectNoSecret(error, ASHBY_KEY);
  });

  it('refuses a referrer without an Ashby user id without sending anything', async () => {
    const error = await caught(
      client().push({ ...referral, referrer: { ...referral.referrer, atsUserId: null } }),
    );
    expect(error).toMatchObject({ status: null, retryable: false });
    expect(recorded).toHaveLength(0);
  });
});
