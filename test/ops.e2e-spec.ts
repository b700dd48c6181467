import { readFileSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../apps/api/src/bootstrap';

describe('api operations and error shape', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    app = await createApiApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers /healthz and /readyz with the database, migrations and Redis up', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; details: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(Object.keys(body.details).sort()).toEqual(['database', 'jobs', 'migrations', 'redis']);
  });

  it('serves Swagger UI and an OpenAPI document equal to the committed docs/openapi.json', async () => {
    const ui = await fetch(`${base}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    const served = (await (await fetch(`${base}/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    const committed = JSON.parse(readFileSync('docs/openapi.json', 'utf8')) as { paths: Record<string, unknown> };
    expect(Object.keys(served.paths).sort()).toEqual(Object.keys(committed.paths).sort());
    expect(Object.keys(served.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/readyz']));
  });

  it('answers an unknown route with 404 in the one error shape', async () => {
    const res = await fetch(`${base}/api/v1/no-such-thing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String), details: {} } });
  });

  it('answers 413 for a body over the limit and 415 for a body that is not JSON, never 500', async () => {
    const big = JSON.stringify({ organization: 'a', email: 'b@c.d', password: 'x'.repeat(200_000) });
    const tooLarge = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');

    const wrongType = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<login/>',
    });
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('echoes a plain x-correlation-id and replaces a forged one', async () => {
    const plain = await fetch(`${base}/healthz`, { headers: { 'x-correlation-id': 'trace-42' } });
    expect(plain.headers.get('x-correlation-id')).toBe('trace-42');
    const forged = await fetch(`${base}/healthz`, { headers: { 'x-correlation-id': 'x"}{"level":"fatal' } });
    expect(forged.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes Prometheus metrics with the HTTP latency histogram by route', async () => {
    await fetch(`${base}/healthz`);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/http_request_duration_seconds_count\{app="api",method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toMatch(/queue_jobs\{queue="mail",state="waiting",app="api"\} \d+/);
    expect(text).toMatch(/outbox_lag_seconds\{app="api"\} \d+/);
  });
});
