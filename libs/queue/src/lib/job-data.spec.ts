import { UnrecoverableError } from 'bullmq';
import { parseOutboxJob } from './job-data';
import { isValidPayload } from './job-payload.validators';

const outboxId = '6f1c1f5e-8d7f-4c1e-9a43-2b8f3c2d1e0a';
const probeId = '0b4c7a52-3f0e-4a1e-8f57-5d6c9e2a1b3c';

describe('parseOutboxJob', () => {
  it('accepts a well-formed job and keeps its metadata', () => {
    expect(
      parseOutboxJob('system.probe', {
        payload: { probeId, seq: 3 },
        outboxId,
        correlationId: 'req-1',
        organizationId: null,
      }),
    ).toEqual({
      name: 'system.probe',
      data: {
        payload: { probeId, seq: 3 },
        outboxId,
        correlationId: 'req-1',
        organizationId: null,
      },
    });
  });

  it.each([
    ['an unknown job name', 'system.nope', { payload: { probeId, seq: 1 }, outboxId }],
    ['data that is not an object', 'system.probe', 'hello'],
    ['a missing outbox id', 'system.probe', { payload: { probeId, seq: 1 } }],
    [
      'a forged correlation id',
      'system.probe',
      { payload: { probeId, seq: 1 }, outboxId, correlationId: 'a\nb' },
    ],
    [
      'an organization id that is not a uuid',
      'system.probe',
      { payload: { probeId, seq: 1 }, outboxId, organizationId: 'acme' },
    ],
    [
      'a payload of the wrong shape',
      'system.probe',
      { payload: { probeId: 'x', seq: 1 }, outboxId },
    ],
  ])('refuses %s without retries', (_what, name, data) => {
    expect(() => parseOutboxJob(name, data)).toThrow(UnrecoverableError);
  });

  it('names the job but not the payload values in its error', () => {
    expect(() =>
      parseOutboxJob('mail.send', { payload: { messageId: 'bob@example.com' }, outboxId }),
    ).toThrow(/^malformed payload for mail\.send$/);
  });
});

describe('payload validators', () => {
  it('checks every field of a probe', () => {
    expect(isValidPayload('system.probe', { probeId, seq: 0 })).toBe(true);
    expect(isValidPayload('system.probe', { probeId, seq: -1 })).toBe(false);
    expect(isValidPayload('system.probe', { probeId, seq: 1.5 })).toBe(false);
    expect(isValidPayload('system.probe', { probeId, seq: 2 ** 31 })).toBe(false);
    expect(isValidPayload('system.probe', { seq: 1 })).toBe(false);
    expect(isValidPayload('system.probe', null)).toBe(false);
    expect(isValidPayload('system.probe', [probeId, 1])).toBe(false);
  });

  it('accepts extra fields so producers can add one before every worker knows it', () => {
    expect(isValidPayload('mail.send', { messageId: probeId, priority: 'high' })).toBe(true);
  });
});
